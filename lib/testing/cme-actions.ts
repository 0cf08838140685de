// Shared by the CME actions' integration tests: a migrated test database, the CME simulator with a
// small known fleet on loopback, a CME source pointing at it, API tokens per role, and calls to
// the real route handlers (which each test imports and hands over) with NextRequest and a Bearer token.
import { NextRequest } from "next/server";
import { startKnownRouter } from "@/lib/testing/simulated-router";
import { db } from "@/lib/db/client";
import { createToken } from "@/lib/db/tokens";
import { createSource } from "@/lib/db/sources";
import type { Role } from "@/lib/domain/roles";
import { closeAgents } from "@/lib/soap";
import type { CmeSimulator } from "@/lib/simulators/cme";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

export const PETER_PHONE = "SEP0012DA8AC43D";
export const ANNA_PHONE = "SEP000DEDAB3566";
/** The known fleet's SIP phone: never a key phone. */
export const SIP_PHONE = "SEP00AABBCCDDEE";
export const UNKNOWN_PHONE = "SEP000000000000";

export interface ActionsWorld {
  database: TestDatabase;
  router: CmeSimulator;
  /** A CME source at the simulator, 5 s timeout. */
  sourceId: string;
  tokens: Record<Role, string>;
  stop(): Promise<void>;
}

export async function startWorld(): Promise<ActionsWorld> {
  const database = await startTestDatabase();
  const router = await startKnownRouter({ dialect: "2010" });
  const source = await createSource(
    {
      kind: "cme",
      name: "Test router",
      site: "Lab",
      urls: [router.url],
      username: "cisco",
      password: "cisco",
      timeoutMs: 5000,
    },
    { actor: "test" },
  );
  const tokens = {} as Record<Role, string>;
  for (const role of ["viewer", "helpdesk", "admin"] as const)
    tokens[role] = (await createToken({ name: role, role }, { actor: "test" })).token;
  return {
    database,
    router,
    sourceId: source.id,
    tokens,
    async stop() {
      await router.close();
      await closeAgents();
      await database.stop();
    },
  };
}

/** Another CME source at the same simulator (e.g. with a 1 s timeout). */
export async function addSource(router: CmeSimulator, name: string, timeoutMs: number): Promise<string> {
  return (
    await createSource(
      { kind: "cme", name, urls: [router.url], username: "cisco", password: "cisco", timeoutMs },
      { actor: "test" },
    )
  ).id;
}

/** Stored inventory rows for the known fleet's SCCP phones, as a poller would write them. */
export async function storeDevices(
  sourceId: string,
  phones: { name: string; keyPhone: boolean | null; protocol?: string }[],
): Promise<void> {
  for (const phone of phones) {
    await db().device.create({
      data: {
        sourceId,
        name: phone.name,
        protocol: phone.protocol ?? "sccp",
        registrationStatus: "registered",
        keyPhone: phone.keyPhone,
        fingerprint: "test",
      },
    });
  }
}

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function send(
  handler: Handler,
  method: string,
  path: string,
  params: Record<string, string>,
  token: string | null,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(`http://127.0.0.1:3000/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) });
}

const segment = (value: string) => encodeURIComponent(value);

/** The route modules a test drives (each test imports the route files it needs and hands them over). */
export interface ActionRoutes {
  keyPhones?: { GET?: unknown; POST?: unknown };
  saveConfig?: { POST?: unknown };
  cmeUser?: { GET?: unknown };
  resetPassword?: { POST?: unknown };
}

function handler(route: unknown, name: string): Handler {
  if (typeof route !== "function") throw new Error(`the test did not hand over the ${name} route handler`);
  return route as Handler;
}

/** Calls of the CME action routes a test handed over, as a person's script would make them. */
export function actionsApi(routes: ActionRoutes) {
  return {
    listKeyPhones: (token: string | null, sourceId: string) =>
      send(
        handler(routes.keyPhones?.GET, "key-phones GET"),
        "GET",
        `/sources/${segment(sourceId)}/key-phones`,
        { id: sourceId },
        token,
      ),
    changeKeyPhones: (token: string | null, sourceId: string, body: unknown) =>
      send(
        handler(routes.keyPhones?.POST, "key-phones POST"),
        "POST",
        `/sources/${segment(sourceId)}/key-phones`,
        { id: sourceId },
        token,
        body,
      ),
    saveConfig: (token: string | null, sourceId: string) =>
      send(
        handler(routes.saveConfig?.POST, "save-config POST"),
        "POST",
        `/sources/${segment(sourceId)}/save-config`,
        { id: sourceId },
        token,
      ),
    lookUpUser: (token: string | null, sourceId: string, userId: string) =>
      send(
        handler(routes.cmeUser?.GET, "cme-users GET"),
        "GET",
        `/sources/${segment(sourceId)}/cme-users/${segment(userId)}`,
        { id: sourceId, userId },
        token,
      ),
    resetPassword: (token: string | null, sourceId: string, userId: string) =>
      send(
        handler(routes.resetPassword?.POST, "reset-password POST"),
        "POST",
        `/sources/${segment(sourceId)}/cme-users/${segment(userId)}/reset-password`,
        { id: sourceId, userId },
        token,
      ),
  };
}

export async function auditRows(action?: string) {
  return db().auditEvent.findMany({ where: action ? { action } : {}, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

export async function keyPhoneChanges(sourceId: string) {
  return db().changeEvent.findMany({ where: { sourceId, change: "key-phone" }, orderBy: { id: "asc" } });
}

export async function storedFlag(sourceId: string, name: string): Promise<boolean | null | undefined> {
  return (await db().device.findUnique({ where: { sourceId_name: { sourceId, name } }, select: { keyPhone: true } }))
    ?.keyPhone;
}

/** Waits until the simulator has a request in flight (it has been sent). */
export async function untilInFlight(router: CmeSimulator): Promise<void> {
  for (let i = 0; i < 500 && router.control.inFlight() === 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
}
