// "Poll now" through the real route handler and the real CLI: helpdesk and up may ask, the answer
// is the poll's summary, an auth-failed hold is cleared, and every request is audited.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { createToken } from "@/lib/db/tokens";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { POST } from "@/app/api/v1/sources/[id]/poll/route";
import { defaultInstanceId } from "./instance";
import { pollSource } from "./poll";

let database: TestDatabase;
let router: CmeSimulator;
let source: SourceRecord;
let helpdesk: string;
let viewer: string;

function pollRequest(id: string, token: string) {
  const request = new NextRequest(`http://127.0.0.1:3000/api/v1/sources/${id}/poll`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  return POST(request, { params: Promise.resolve({ id }) });
}

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  router = await startCmeSimulator({ fleet: { seed: 5, ephones: 8, pools: 2 } });
  source = await createSource(
    { kind: "cme", name: "Kiosk router", urls: [router.url], username: "cisco", password: "cisco", timeoutMs: 2000 },
    { actor: "tester" },
  );
  helpdesk = (await createToken({ name: "helpdesk", role: "helpdesk" }, { actor: "tester" })).token;
  viewer = (await createToken({ name: "viewer", role: "viewer" }, { actor: "tester" })).token;
});
afterAll(async () => {
  await router?.close();
  await database?.stop();
});

describe("POST /api/v1/sources/{id}/poll", () => {
  test("a helpdesk token polls now and gets the summary; the request is audited", async () => {
    const response = await pollRequest(source.id, helpdesk);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      sourceId: source.id,
      sourceName: "Kiosk router",
      status: "ok",
      devices: 10,
      changed: expect.any(Number),
      requests: expect.any(Number),
      durationMs: expect.any(Number),
    });
    const audit = await db().auditEvent.findFirst({ where: { action: "source.poll" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ actor: "token:helpdesk", target: "Kiosk router", outcome: "success" });
    expect(JSON.parse(audit!.detail)).toMatchObject({ status: "ok", devices: 10 });
  });

  test("poll now clears an auth-failed hold", async () => {
    router.control.setFailure("401");
    const refused = await (await pollRequest(source.id, helpdesk)).json();
    expect(refused).toMatchObject({ status: "failed", error: "The device refused the user name or password." });
    expect(await db().sourceHealth.findUnique({ where: { sourceId: source.id }, select: { status: true } })).toEqual({
      status: "auth-failed",
    });
    expect(
      await db().auditEvent.findFirst({
        where: { action: "source.poll" },
        orderBy: { at: "desc" },
        select: { outcome: true },
      }),
    ).toEqual({ outcome: "failure" });
    router.control.setFailure(null);
    expect(await (await pollRequest(source.id, helpdesk)).json()).toMatchObject({ status: "ok", changed: 0 });
    expect(
      await db().sourceHealth.findUnique({
        where: { sourceId: source.id },
        select: { status: true, authFailedVersion: true },
      }),
    ).toEqual({ status: "ok", authFailedVersion: null });
  });

  test("while a poll of the source runs, poll now does not start a second one", async () => {
    router.control.setLatency(200);
    const running = pollSource(source.id, { instanceId: defaultInstanceId() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await (await pollRequest(source.id, helpdesk)).json()).toMatchObject({
      status: "skipped",
      error: "Another poll of this source is running now.",
    });
    expect(await running).toMatchObject({ status: "ok" });
    router.control.setLatency(0);
  });

  test("a viewer may not, and an unknown source is 404", async () => {
    expect((await pollRequest(source.id, viewer)).status).toBe(403);
    const missing = await pollRequest("no-such-source", helpdesk);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("npm run linewatch -- poll", () => {
  test("polls a source by name and prints the summary", async () => {
    // Same data directory and database as this test; the simulator answers from this process, so
    // the CLI runs beside it (a synchronous spawn would block the simulator).
    const env = { ...process.env, LINEWATCH_DATA_DIR: database.dataDir, DATABASE_URL: process.env.DATABASE_URL ?? "" };
    const child = spawn(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "lib/cli/main.ts", "poll", "Kiosk", "router"],
      { env },
    );
    const result = { stdout: "", stderr: "", status: null as number | null };
    child.stdout.on("data", (chunk: Buffer) => void (result.stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => void (result.stderr += chunk.toString()));
    result.status = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Kiosk router: ok, 10 devices, 0 changed, \d+ requests, \d+ ms$/m);
  });
});
