// /api/v1/sources through the real route handlers (NextRequest + Bearer tokens): CRUD, tests,
// validation (422 with the field), duplicates (409), roles (403), and never a password in a
// response or in the database.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { createToken } from "@/lib/db/tokens";
import { createSource } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import * as collection from "@/app/api/v1/sources/route";
import * as item from "@/app/api/v1/sources/[id]/route";
import * as savedTest from "@/app/api/v1/sources/[id]/test/route";
import * as settingsTest from "@/app/api/v1/sources/test/route";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let database: TestDatabase;
let router: CmeSimulator;
let cluster: CucmSimulator;
let admin: string;
let viewer: string;
let helpdesk: string;
const ROUTER_PW = "Router-Secret-913";
const CLUSTER_PW = "Cluster-Secret-557";
const responses: string[] = [];

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  [router, cluster] = await Promise.all([
    startCmeSimulator({ dialect: "2010", xmlUser: "xml", xmlPassword: ROUTER_PW, router: { hostname: "rtr-1" } }),
    startCucmSimulator({ nodes: 2, devices: 10, credentials: { user: "ris", password: CLUSTER_PW } }),
  ]);
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  viewer = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  helpdesk = (await createToken({ name: "helpdesk", role: "helpdesk" }, { actor: "test" })).token;
});
afterAll(async () => {
  await Promise.all([router?.close(), cluster?.close()]);
  await database?.stop();
});

async function call(
  handler: Handler,
  options: { method: string; path: string; token?: string; body?: unknown; params?: Record<string, string> },
) {
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const request = new NextRequest(`http://127.0.0.1:3000/api/v1${options.path}`, {
    method: options.method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  responses.push(text);
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const routerBody = () => ({
  kind: "cme",
  name: "Leeds",
  site: "Leeds",
  urls: [router.url],
  username: "xml",
  password: ROUTER_PW,
  timeoutMs: 5000,
});
const clusterBody = () => ({
  kind: "cucm",
  name: "HQ",
  urls: cluster.urls.map((u) => new URL(u).origin),
  username: "ris",
  password: CLUSTER_PW,
  tls: { mode: "insecure" },
  budgetPerMinute: 10,
  budgetReserve: 2,
  replyCap: 500,
});
const create = (body: unknown, token = admin) =>
  call(collection.POST, { method: "POST", path: "/sources", token, body });
const idOf = async (name: string) => (await db().source.findUnique({ where: { name }, select: { id: true } }))!.id;

describe("/api/v1/sources", () => {
  test("adding the first real source removes the demo sources", async () => {
    await createSource(
      { kind: "cme", name: "Demo router", urls: ["http://127.0.0.1:9"], username: "demo", password: "demo-pass" },
      { actor: "system" },
      { demo: true },
    );
    const created = await create(routerBody());
    expect(created.status).toBe(201);
    expect(created.body.source).toMatchObject({
      name: "Leeds",
      kind: "cme",
      urls: [router.url],
      pollIntervalS: 120,
      demo: false,
      settingsVersion: 1,
      health: { status: "unknown", stale: false },
      budget: null,
    });
    expect(created.body.source).not.toHaveProperty("password");
    expect((await db().source.findMany({ select: { name: true } })).map((s) => s.name)).toEqual(["Leeds"]);
    expect(await db().auditEvent.count({ where: { action: "source.demo-removed" } })).toBe(1);
  });

  test("a cluster keeps its nodes, TLS choice and budget", async () => {
    const created = await create(clusterBody());
    expect(created.status).toBe(201);
    expect(created.body.source).toMatchObject({
      kind: "cucm",
      pollIntervalS: 300,
      tls: { mode: "insecure" },
      budgetPerMinute: 10,
      budgetReserve: 2,
      replyCap: 500,
      budget: { limit: 8, used: 0, pausedUntil: null },
    });
    expect(created.body.source.urls).toHaveLength(2);
  });

  test("validation failures are 422 naming the field; a duplicate name is 409", async () => {
    const badUrl = await create({ ...routerBody(), name: "Bad", urls: ["ftp://router"] });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.error.code).toBe("validation_failed");
    expect(badUrl.body.error.details.issues[0].path).toBe("body.urls.0");
    const missing = await create({ kind: "cme", name: "NoPw", urls: [router.url], username: "xml" });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.issues.map((i: { path: string }) => i.path)).toContain("body.password");
    const reserve = await create({ ...clusterBody(), name: "Tight", budgetPerMinute: 3, budgetReserve: 3 });
    expect(reserve.status).toBe(422);
    expect(reserve.body.error.message).toMatch(/budgetReserve/);
    const tooBig = await create({ ...clusterBody(), name: "Big", budgetPerMinute: 19 });
    expect(tooBig.body.error.details.issues[0].path).toBe("body.budgetPerMinute");
    const unknownKey = await create({ ...routerBody(), name: "Extra", colour: "red" });
    expect(unknownKey.status).toBe(422);
    const duplicate = await create(routerBody());
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toBe("A source named Leeds already exists.");
  });

  test("viewers and helpdesk list sources with health, never passwords; they cannot write", async () => {
    for (const token of [viewer, helpdesk]) {
      const list = await call(collection.GET, { method: "GET", path: "/sources", token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(["HQ", "Leeds"]);
      expect(list.body.items[0].health).toMatchObject({ status: "unknown" });
    }
    const id = await idOf("Leeds");
    const one = await call(item.GET, { method: "GET", path: `/sources/${id}`, token: viewer, params: { id } });
    expect(one.body.source.name).toBe("Leeds");
    const writes = [
      create({ ...routerBody(), name: "Viewer's" }, viewer),
      call(item.PATCH, { method: "PATCH", path: `/sources/${id}`, token: viewer, body: { site: "x" }, params: { id } }),
      call(item.DELETE, { method: "DELETE", path: `/sources/${id}`, token: helpdesk, params: { id } }),
      call(savedTest.POST, { method: "POST", path: `/sources/${id}/test`, token: helpdesk, params: { id } }),
      call(settingsTest.POST, { method: "POST", path: "/sources/test", token: viewer, body: routerBody() }),
    ];
    for (const response of await Promise.all(writes)) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("forbidden");
    }
    const filtered = await call(collection.GET, {
      method: "GET",
      path: "/sources?kind=cucm&enabled=true",
      token: viewer,
    });
    expect(filtered.body.items.map((s: { name: string }) => s.name)).toEqual(["HQ"]);
    expect(
      (await call(item.GET, { method: "GET", path: "/sources/nope", token: viewer, params: { id: "nope" } })).status,
    ).toBe(404);
  });

  test("PATCH changes fields, keeps the password when left out, bumps settingsVersion for a new password", async () => {
    const id = await idOf("Leeds");
    const patch = (body: unknown) =>
      call(item.PATCH, { method: "PATCH", path: `/sources/${id}`, token: admin, body, params: { id } });
    const renamed = await patch({ site: "Leeds West", pollIntervalS: 60 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.source).toMatchObject({ site: "Leeds West", pollIntervalS: 60, settingsVersion: 1 });
    const repassworded = await patch({ password: "Another-Secret-22" });
    expect(repassworded.body.source.settingsVersion).toBe(2);
    expect((await patch({})).status).toBe(422);
    expect((await patch({ kind: "cucm" })).status).toBe(422);
    expect((await patch({ urls: [router.url, "http://10.0.0.2"] })).body.error.message).toMatch(
      /urls: a router has one address/,
    );
    expect((await patch({ name: "HQ" })).status).toBe(409);
    const disabled = await patch({ enabled: false });
    expect(disabled.body.source.enabled).toBe(false);
    expect(await db().auditEvent.count({ where: { action: "source.disable", target: "Leeds" } })).toBe(1);
    await patch({ enabled: true, password: ROUTER_PW });
  });

  test("test connection: a saved source, and unsaved form values before saving", async () => {
    const leeds = await idOf("Leeds");
    const hq = await idOf("HQ");
    const routerResult = await call(savedTest.POST, {
      method: "POST",
      path: `/sources/${leeds}/test`,
      token: admin,
      params: { id: leeds },
    });
    expect(routerResult.status).toBe(200);
    expect(routerResult.body).toMatchObject({ ok: true, kind: "cme", router: { hostName: "rtr-1", dialect: "2010" } });
    const clusterResult = await call(savedTest.POST, {
      method: "POST",
      path: `/sources/${hq}/test`,
      token: admin,
      params: { id: hq },
    });
    expect(clusterResult.body).toMatchObject({ ok: true, kind: "cucm", cluster: { budgetLimit: 8 } });

    const unsaved = await call(settingsTest.POST, {
      method: "POST",
      path: "/sources/test",
      token: admin,
      body: { ...routerBody(), name: "New router" },
    });
    expect(unsaved.body).toMatchObject({ ok: true, router: { hostName: "rtr-1" } });
    const wrong = await call(settingsTest.POST, {
      method: "POST",
      path: "/sources/test",
      token: admin,
      body: { ...routerBody(), password: "wrong" },
    });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      ok: false,
      error: { kind: "auth", type: "AuthError", message: "The device refused the user name or password." },
    });
    const stored = await call(settingsTest.POST, {
      method: "POST",
      path: "/sources/test",
      token: admin,
      body: { ...routerBody(), password: undefined, sourceId: leeds },
    });
    expect(stored.body.ok).toBe(true);
    const invalid = await call(settingsTest.POST, {
      method: "POST",
      path: "/sources/test",
      token: admin,
      body: { ...routerBody(), urls: ["nope"] },
    });
    expect(invalid.status).toBe(422);
    expect(await db().auditEvent.count({ where: { action: "source.test" } })).toBe(5);
    const missing = await call(savedTest.POST, {
      method: "POST",
      path: "/sources/nope/test",
      token: admin,
      params: { id: "nope" },
    });
    expect(missing.status).toBe(404);
  });

  test("DELETE removes the source", async () => {
    const id = await idOf("HQ");
    const removed = await call(item.DELETE, { method: "DELETE", path: `/sources/${id}`, token: admin, params: { id } });
    expect(removed).toEqual({ status: 200, body: { ok: true, name: "HQ" } });
    expect((await call(item.GET, { method: "GET", path: `/sources/${id}`, token: admin, params: { id } })).status).toBe(
      404,
    );
    expect(
      (await call(item.DELETE, { method: "DELETE", path: `/sources/${id}`, token: admin, params: { id } })).status,
    ).toBe(404);
  });

  test("no response and no database row holds a password in plain text", async () => {
    const secrets = [ROUTER_PW, CLUSTER_PW, "Another-Secret-22"];
    expect(responses.length).toBeGreaterThan(20);
    for (const text of responses) for (const secret of secrets) expect(text).not.toContain(secret);
    for (const table of ["Source", "AuditEvent"]) {
      const rows = JSON.stringify(await db().$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`), (_k, v) =>
        typeof v === "bigint" ? String(v) : v,
      );
      for (const secret of secrets) expect(rows).not.toContain(secret);
    }
    const config = env().database;
    if (config.provider === "sqlite") {
      for (const file of [config.file, `${config.file}-wal`]) {
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${file}`).toBe(false);
      }
    }
  });
});
