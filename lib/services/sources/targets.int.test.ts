// Source targets end to end: the API and the CLI refuse an address Linewatch may not connect to
// with a 422 naming the field, before anything is stored or sent; LINEWATCH_ALLOWED_TARGETS
// narrows what is allowed, and a host name is judged by what it resolves to when connecting.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { closeAgents } from "@/lib/soap/agents";
import { configureTargets } from "@/lib/soap/targets";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { getSource, testSource } from "./service";
import * as collection from "@/app/api/v1/sources/route";
import * as item from "@/app/api/v1/sources/[id]/route";
import * as settingsTest from "@/app/api/v1/sources/test/route";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let database: TestDatabase;
let router: CmeSimulator;
let admin: string;
const PASSWORD = "Router-Secret-4471";

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  router = await startCmeSimulator({ dialect: "2010", xmlUser: "xml", xmlPassword: PASSWORD });
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
});
afterEach(async () => {
  delete process.env.LINEWATCH_ALLOWED_TARGETS;
  resetEnvForTests();
  configureTargets(undefined);
  await closeAgents();
});
afterAll(async () => {
  await router?.close();
  await database?.stop();
});

/** As an operator would: set the variable, and the next configuration load installs it. */
function allowOnly(value: string): void {
  process.env.LINEWATCH_ALLOWED_TARGETS = value;
  resetEnvForTests();
}

async function call(
  handler: Handler,
  options: { method: string; path: string; body: unknown; params?: Record<string, string> },
) {
  const request = new NextRequest(`http://127.0.0.1:3000/api/v1${options.path}`, {
    method: options.method,
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify(options.body),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, body: await response.json() };
}

const routerBody = (url: string, name = "Leeds") => ({
  kind: "cme",
  name,
  urls: [url],
  username: "xml",
  password: PASSWORD,
  timeoutMs: 5000,
});
const create = (body: unknown) => call(collection.POST, { method: "POST", path: "/sources", body });
const stored = () => db().source.count();
const createAudits = () => db().auditEvent.count({ where: { action: "source.create" } });

describe("refused targets through the API", () => {
  test.each([
    [
      "http://169.254.169.254/",
      /^Invalid urls\.0: 169\.254\.169\.254 is a link-local, cloud metadata or reserved address/,
    ],
    [
      "http://[::ffff:169.254.169.254]:80/",
      /^Invalid urls\.0: ::ffff:a9fe:a9fe is a link-local, cloud metadata or reserved address/,
    ],
    ["http://metadata.google.internal/", /^Invalid urls\.0: metadata\.google\.internal is a cloud metadata host name/],
    [
      "http://203.0.113.10/",
      /^Invalid urls\.0: 203\.0\.113\.10 is not a loopback or private address; to allow it, list it in LINEWATCH_ALLOWED_TARGETS\.$/,
    ],
  ])("adding a source at %s is a 422 naming urls.0, and nothing is stored", async (url, message) => {
    const before = { sources: await stored(), audits: await createAudits() };
    const response = await create(routerBody(url, `Refused ${url}`));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
    expect(response.body.error.message).toMatch(message);
    expect(await stored()).toBe(before.sources);
    expect(await createAudits()).toBe(before.audits);
  });

  test("a cluster's second node is named by its index", async () => {
    const response = await create({
      kind: "cucm",
      name: "HQ",
      urls: ["https://10.1.1.1:8443", "https://169.254.169.254:8443"],
      username: "ris",
      password: "cluster-pw",
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/^Invalid urls\.1: /);
  });

  test("editing a source to a refused address is a 422 and keeps the stored address", async () => {
    const created = await create(routerBody(router.url, "Editable"));
    expect(created.status).toBe(201);
    const id = created.body.source.id as string;
    const response = await call(item.PATCH, {
      method: "PATCH",
      path: `/sources/${id}`,
      params: { id },
      body: { urls: ["http://169.254.169.254"] },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/^Invalid urls\.0: 169\.254\.169\.254/);
    expect((await getSource(id)).source).toMatchObject({ urls: [router.url], settingsVersion: 1 });
  });

  test("testing unsaved settings at a refused address is a 422, before any test runs", async () => {
    const audits = await db().auditEvent.count({ where: { action: "source.test" } });
    const response = await call(settingsTest.POST, {
      method: "POST",
      path: "/sources/test",
      body: routerBody("http://169.254.169.254/"),
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/^Invalid urls\.0: /);
    expect(await db().auditEvent.count({ where: { action: "source.test" } })).toBe(audits);
  });
});

describe("LINEWATCH_ALLOWED_TARGETS", () => {
  test("only the listed ranges are allowed: loopback is refused at save time once it is not listed", async () => {
    allowOnly("10.0.0.0/8");
    const response = await create(routerBody(router.url, "Loopback refused"));
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe("Invalid urls.0: 127.0.0.1 is not allowed by LINEWATCH_ALLOWED_TARGETS.");
    expect(await db().source.count({ where: { name: "Loopback refused" } })).toBe(0);
  });

  test("a host name is saved, then judged by its addresses when connecting: no request reaches the router", async () => {
    allowOnly("10.0.0.0/8");
    const created = await create(routerBody(router.url.replace("127.0.0.1", "localhost"), "By name"));
    expect(created.status).toBe(201);
    router.control.resetCounters();
    const result = await testSource(created.body.source.id as string, { actor: "test" });
    expect(result).toMatchObject({ ok: false, error: { kind: "unsafe-input", type: "TargetNotAllowedError" } });
    expect(result.summary).toMatch(/^localhost \((127\.0\.0\.1|::1)\) is not allowed by LINEWATCH_ALLOWED_TARGETS\.$/);
    expect(router.control.requestCount()).toBe(0);
  });

  test("a listed host name is allowed wherever it resolves", async () => {
    allowOnly("10.0.0.0/8, localhost");
    const created = await create(routerBody(router.url.replace("127.0.0.1", "localhost"), "Listed by name"));
    expect(created.status).toBe(201);
    const result = await testSource(created.body.source.id as string, { actor: "test" });
    expect(result.ok).toBe(true);
  });
});

describe("the CLI", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lw-cli-targets-"));
  const cliEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LINEWATCH_DATA_DIR: dataDir,
    DATABASE_URL: "",
    LINEWATCH_LOG_LEVEL: "warn",
  };
  for (const name of [
    "LINEWATCH_ADMIN_PASSWORD",
    "LINEWATCH_ADMIN_EMAIL",
    "LINEWATCH_SECRET_KEY",
    "LINEWATCH_SECRET_KEY_OLD",
    "LINEWATCH_ALLOWED_TARGETS",
  ])
    delete cliEnv[name];
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function cli(
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "lib/cli/main.ts", ...args], {
        env: { ...cliEnv, ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }
  const add = (url: string, extraEnv?: Record<string, string>) =>
    cli(
      ["source", "add", "--kind", "cme", "--name", "Meta", "--url", url, "--username", "xml", "--password", "pw"],
      extraEnv,
    );

  test("`source add` goes through the same check, and a bad setting stops it with the entry named", async () => {
    expect((await cli(["migrate"])).code).toBe(0);
    const refused = await add("http://169.254.169.254");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "Error: Invalid urls.0: 169.254.169.254 is a link-local, cloud metadata or reserved address, which Linewatch never connects to.",
    );
    const misconfigured = await add(router.url, { LINEWATCH_ALLOWED_TARGETS: "10.0.0.0/8, 10.0.0.0/99" });
    expect(misconfigured.code).toBe(1);
    expect(misconfigured.stderr).toContain(
      'LINEWATCH_ALLOWED_TARGETS: not an IP address, CIDR range, host name or *.domain: "10.0.0.0/99"',
    );
    const listed = await cli(["source", "list"]);
    expect(listed.stdout).toContain("No sources.");
  });
});
