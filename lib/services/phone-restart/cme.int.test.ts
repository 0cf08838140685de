// Restarting and resetting a CME phone through the route handler against the simulated router:
// the ephone's or pool's CLI, the phone gone from registration and back once its restart is over
// (simulator clock), audit rows, the per-router cap per minute, and who may not.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { FIXED_CLOCK, startKnownRouter } from "@/lib/testing/simulated-router";
import { ANNA_PHONE, PETER_PHONE, SIP_PHONE, UNKNOWN_PHONE, auditRows } from "@/lib/testing/cme-actions";
import type { CmeSimulator } from "@/lib/simulators/cme";
import { RESTART_TIMES } from "@/lib/simulators/cme/state";
import { createSource } from "@/lib/db/sources";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { closeAgents } from "@/lib/soap";
import { pollSource } from "@/lib/inventory/poll";
import { POST as restartRoute } from "@/app/api/v1/sources/[id]/phones/[name]/restart/route";

let database: TestDatabase;
let router: CmeSimulator;
let sourceId: string;
const tokens: Record<string, string> = {};
let now = FIXED_CLOCK;

beforeAll(async () => {
  database = await startTestDatabase();
  router = await startKnownRouter({ dialect: "2010", clock: () => now });
  sourceId = (
    await createSource(
      {
        kind: "cme",
        name: "Restart router",
        urls: [router.url],
        username: "cisco",
        password: "cisco",
        timeoutMs: 5000,
      },
      { actor: "test" },
    )
  ).id;
  for (const role of ["viewer", "helpdesk"] as const)
    tokens[role] = (await createToken({ name: role, role }, { actor: "test" })).token;
  await pollSource(sourceId, { instanceId: "test", force: true });
});
afterEach(async () => {
  delete process.env.LINEWATCH_RESTARTS_PER_MINUTE;
  resetEnvForTests();
  // Each test starts with the cap's minute empty.
  await db().auditEvent.deleteMany({ where: { action: "phone.restart" } });
});
afterAll(async () => {
  await router?.close();
  await closeAgents();
  await database?.stop();
});

const restart = (token: string, name: string, body: unknown = { kind: "restart" }) =>
  restartRoute(
    new NextRequest(`http://127.0.0.1/api/v1/sources/${sourceId}/phones/${name}/restart`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: sourceId, name }) },
  );
const storedStatus = async (name: string) => {
  await pollSource(sourceId, { instanceId: "test", force: true });
  return (await db().device.findUnique({ where: { sourceId_name: { sourceId, name } } }))?.registrationStatus;
};

describe("restart a CME phone", () => {
  test("restart: the router restarts the ephone; the phone drops and registers again; audited", async () => {
    expect(await storedStatus(PETER_PHONE)).toBe("registered");
    const response = await restart(tokens.helpdesk!, PETER_PHONE);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      outcome: "success",
      phone: PETER_PHONE,
      kind: "restart",
      message: expect.stringContaining("re-registers"),
    });
    expect(await storedStatus(PETER_PHONE)).toBe("unregistered");
    now += RESTART_TIMES.restartMs;
    expect(await storedStatus(PETER_PHONE)).toBe("registered");

    const [row] = await auditRows("phone.restart");
    expect(row).toMatchObject({ target: PETER_PHONE, outcome: "success", actor: expect.stringContaining("helpdesk") });
    expect(JSON.parse(row!.detail)).toEqual({ sourceId, sourceKind: "cme", router: "Restart router", kind: "restart" });
  });

  test("reset of a SIP phone goes through its voice register pool and takes longer", async () => {
    expect(await storedStatus(SIP_PHONE)).toBe("registered");
    const response = await restart(tokens.helpdesk!, SIP_PHONE, { kind: "reset" });
    expect(await response.json()).toMatchObject({ outcome: "success", kind: "reset" });
    now += RESTART_TIMES.restartMs;
    expect(await storedStatus(SIP_PHONE)).toBe("unregistered");
    now += RESTART_TIMES.resetMs;
    expect(await storedStatus(SIP_PHONE)).toBe("registered");
  });

  test("a phone that is down stays down; the router took the command", async () => {
    expect(await storedStatus(ANNA_PHONE)).toBe("unregistered");
    expect(await (await restart(tokens.helpdesk!, ANNA_PHONE)).json()).toMatchObject({ outcome: "success" });
    now += RESTART_TIMES.resetMs;
    expect(await storedStatus(ANNA_PHONE)).toBe("unregistered");
  });

  test("the cap per router per minute answers 429 and sends nothing more", async () => {
    process.env.LINEWATCH_RESTARTS_PER_MINUTE = "2";
    resetEnvForTests();
    expect((await restart(tokens.helpdesk!, PETER_PHONE)).status).toBe(200);
    expect((await restart(tokens.helpdesk!, SIP_PHONE)).status).toBe(200);
    router.control.resetCounters();
    const refused = await restart(tokens.helpdesk!, ANNA_PHONE);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await refused.json()).error.message).toContain("LINEWATCH_RESTARTS_PER_MINUTE=2");
    expect(router.control.requestCount()).toBe(0);
  });

  test("the router's answer now decides the CLI: a pool that no longer carries the phone is refused, nothing sent", async () => {
    const record = await db().device.findUnique({ where: { sourceId_name: { sourceId, name: SIP_PHONE } } });
    const detail = JSON.parse(record!.detail);
    await db().device.update({
      where: { id: record!.id },
      data: { detail: JSON.stringify({ ...detail, poolId: 77 }) },
    });
    try {
      router.control.resetCounters();
      const refused = await restart(tokens.helpdesk!, SIP_PHONE);
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.message).toContain("no longer lists");
      expect(router.control.requestCount("ISexecCLI")).toBe(0);
    } finally {
      await db().device.update({ where: { id: record!.id }, data: { detail: record!.detail } });
    }
  });

  test("two restarts on one router at once: one goes, the other waits its turn (409), so the cap holds", async () => {
    // A slow router holds the first restart long after the second has asked.
    router.control.setLatency(500);
    try {
      const answers = await Promise.all([restart(tokens.helpdesk!, PETER_PHONE), restart(tokens.helpdesk!, SIP_PHONE)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    } finally {
      router.control.setLatency(0);
    }
    expect(await auditRows("phone.restart")).toHaveLength(1);
  });

  test("a viewer may not; a phone the router does not have is 404; a malformed name is refused unsent", async () => {
    router.control.resetCounters();
    expect((await restart(tokens.viewer!, PETER_PHONE)).status).toBe(403);
    expect((await restart(tokens.helpdesk!, UNKNOWN_PHONE)).status).toBe(404);
    expect((await restart(tokens.helpdesk!, "SEP0012DA8AC43D<x>")).status).toBe(400);
    // A cluster's kind of name passes the route; a router's phone is SEP or ATA + MAC.
    expect((await restart(tokens.helpdesk!, "CSFJDOE")).status).toBe(422);
    expect((await restart(tokens.helpdesk!, PETER_PHONE, { kind: "shutdown" })).status).toBe(422);
    expect(router.control.requestCount()).toBe(0);
    expect(await auditRows("phone.restart")).toEqual([]);
  });
});
