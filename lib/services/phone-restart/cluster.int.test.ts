// Restarting and resetting a cluster phone through the route handler against the simulated cluster
// over loopback: AXL doDeviceReset on the publisher, the phone out of RisPort's registration until
// the simulator's clock passes its re-register delay, audit rows, the per-source cap, and the
// refusals (no AXL on the source, not a phone, unknown phone, a phone the cluster no longer has,
// wrong AXL credentials, a viewer).
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { auditRows } from "@/lib/testing/cme-actions";
import { manualClock } from "@/lib/testing/inventory";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { createSource } from "@/lib/db/sources";
import type { SourceInput } from "@/lib/domain/source";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { closeAgents } from "@/lib/soap";
import { pollSource } from "@/lib/inventory/poll";
import { POST as restartRoute } from "@/app/api/v1/sources/[id]/phones/[name]/restart/route";
import { NO_AXL_MESSAGE } from "./cluster";

const DESK_PHONE = "SEP00AA11BB22CC";
const SECOND_PHONE = "SEP00AA11BB22CD";
const JABBER = "CSFJDOE";
const TRUNK = "HQ-SIP-TRUNK";
const UNKNOWN_PHONE = "SEP000000000000";
const RESET_DELAY_MS = 5000;

let database: TestDatabase;
let cluster: CucmSimulator;
/** The simulated cluster's clock: a reset phone registers again only when this passes its delay. */
let simNow = Date.UTC(2026, 0, 5, 9, 0, 0);
const pollClock = manualClock();
const tester = { actor: "tester" };
const tokens: Record<string, string> = {};
const ids: Record<"axl" | "noAxl" | "wrongAxl", string> = { axl: "", noAxl: "", wrongAxl: "" };

const clusterSource = (name: string, extra: Partial<SourceInput>): SourceInput => ({
  kind: "cucm",
  name,
  // Node base URLs, as an admin enters them: AXL is at the first one's /axl/.
  urls: cluster.urls.map((url) => new URL(url).origin),
  username: "risuser",
  password: "risuser",
  timeoutMs: 5000,
  budgetPerMinute: 18,
  budgetRaised: true,
  budgetReserve: 0,
  ...extra,
});

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  cluster = await startCucmSimulator({
    nodes: 2,
    devices: 0,
    ctiApplications: 0,
    budgetPerMinute: 10_000,
    axlResetDelayMs: RESET_DELAY_MS,
    clock: () => simNow,
    explicitDevices: [
      { name: DESK_PHONE, status: "Registered", lines: ["2001"] },
      { name: SECOND_PHONE, status: "Registered", lines: ["2002"] },
      { name: JABBER, status: "Registered", lines: ["2003"] },
      { name: TRUNK, deviceClass: "SIPTrunk", status: "Registered" },
    ],
  });
  ids.axl = (await createSource(clusterSource("HQ cluster", { axlEnabled: true }), tester)).id;
  ids.noAxl = (await createSource(clusterSource("Lab cluster", {}), tester)).id;
  ids.wrongAxl = (
    await createSource(
      clusterSource("Old cluster", { axlEnabled: true, axlUsername: "axladmin", axlPassword: "expired" }),
      tester,
    )
  ).id;
  for (const role of ["viewer", "helpdesk"] as const)
    tokens[role] = (await createToken({ name: role, role }, tester)).token;
  for (const id of Object.values(ids)) await poll(id);
});
afterEach(async () => {
  delete process.env.LINEWATCH_RESTARTS_PER_MINUTE;
  resetEnvForTests();
  // Each test starts with the cap's minute empty.
  await db().auditEvent.deleteMany({ where: { action: "phone.restart" } });
});
afterAll(async () => {
  await cluster?.close();
  await closeAgents();
  await database?.stop();
});

async function poll(sourceId: string) {
  pollClock.advance(300_000);
  // The source with the wrong AXL password polls "partial": RisPort answers, its configured read does not.
  const summary = await pollSource(sourceId, { instanceId: "test", force: true, now: pollClock.now });
  expect(summary.status === "ok" || (sourceId === ids.wrongAxl && summary.status === "partial")).toBe(true);
}
const restart = (token: string, name: string, body: unknown = { kind: "restart" }, sourceId = ids.axl) =>
  restartRoute(
    new NextRequest(`http://127.0.0.1/api/v1/sources/${sourceId}/phones/${name}/restart`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: sourceId, name }) },
  );
/** The phone's status as RisPort reports it now, through a poll of the cluster. */
const storedStatus = async (name: string) => {
  await poll(ids.axl);
  return (await db().device.findUnique({ where: { sourceId_name: { sourceId: ids.axl, name } } }))?.registrationStatus;
};
const resetCount = () => cluster.control.axlCounters().byOperation.doDeviceReset ?? 0;

describe("restart a cluster phone through AXL", () => {
  test("restart: doDeviceReset on the publisher; RisPort shows the phone gone, then back after the delay; audited", async () => {
    expect(await storedStatus(DESK_PHONE)).toBe("registered");
    const response = await restart(tokens.helpdesk!, DESK_PHONE);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      outcome: "success",
      phone: DESK_PHONE,
      kind: "restart",
      message: expect.stringContaining("HQ cluster restarted"),
    });
    expect(cluster.control.axlResets()).toEqual([
      expect.objectContaining({ name: DESK_PHONE, type: "Restart", hard: false }),
    ]);
    expect(await storedStatus(DESK_PHONE)).toBe("unregistered");
    simNow += RESET_DELAY_MS - 1;
    expect(await storedStatus(DESK_PHONE)).toBe("unregistered");
    simNow += 1;
    expect(await storedStatus(DESK_PHONE)).toBe("registered");

    const [row] = await auditRows("phone.restart");
    expect(row).toMatchObject({ target: DESK_PHONE, outcome: "success", actor: expect.stringContaining("helpdesk") });
    expect(JSON.parse(row!.detail)).toEqual({
      sourceId: ids.axl,
      sourceKind: "cucm",
      cluster: "HQ cluster",
      kind: "restart",
    });
  });

  test("reset is a hard Reset; a Jabber client (not SEP…) can be restarted too", async () => {
    const before = cluster.control.axlResets().length;
    expect(await (await restart(tokens.helpdesk!, SECOND_PHONE, { kind: "reset" })).json()).toMatchObject({
      outcome: "success",
      kind: "reset",
      message: expect.stringContaining("reboots"),
    });
    expect(await (await restart(tokens.helpdesk!, JABBER)).json()).toMatchObject({ outcome: "success" });
    expect(cluster.control.axlResets().slice(before)).toEqual([
      expect.objectContaining({ name: SECOND_PHONE, type: "Reset", hard: true }),
      expect.objectContaining({ name: JABBER, type: "Restart", hard: false }),
    ]);
    simNow += RESET_DELAY_MS;
    expect(await storedStatus(SECOND_PHONE)).toBe("registered");
  });

  test("a cluster source without AXL: the clear refusal (409), nothing sent, nothing audited", async () => {
    const sent = resetCount();
    const refused = await restart(tokens.helpdesk!, DESK_PHONE, { kind: "restart" }, ids.noAxl);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toContain(NO_AXL_MESSAGE);
    expect(resetCount()).toBe(sent);
    expect(await auditRows("phone.restart")).toEqual([]);
  });

  test("a viewer may not (403); an unknown phone is 404; a trunk is not a phone (409); nothing sent", async () => {
    const sent = resetCount();
    expect((await restart(tokens.viewer!, DESK_PHONE)).status).toBe(403);
    expect((await restart(tokens.helpdesk!, UNKNOWN_PHONE)).status).toBe(404);
    const trunk = await restart(tokens.helpdesk!, TRUNK);
    expect(trunk.status).toBe(409);
    expect((await trunk.json()).error.message).toContain("not a phone");
    expect((await restart(tokens.helpdesk!, "SEP00AA11BB22CC<x>")).status).toBe(400);
    expect(resetCount()).toBe(sent);
    expect(await auditRows("phone.restart")).toEqual([]);
  });

  test("the cap per source per minute answers 429 with Retry-After and sends nothing more", async () => {
    process.env.LINEWATCH_RESTARTS_PER_MINUTE = "2";
    resetEnvForTests();
    expect((await restart(tokens.helpdesk!, DESK_PHONE)).status).toBe(200);
    expect((await restart(tokens.helpdesk!, SECOND_PHONE)).status).toBe(200);
    const sent = resetCount();
    const refused = await restart(tokens.helpdesk!, JABBER);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await refused.json()).error.message).toContain("LINEWATCH_RESTARTS_PER_MINUTE=2");
    expect(resetCount()).toBe(sent);
    simNow += RESET_DELAY_MS;
  });

  test("wrong AXL credentials: the phone's result says so in words, audited as a failure", async () => {
    const response = await restart(tokens.helpdesk!, DESK_PHONE, { kind: "restart" }, ids.wrongAxl);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      outcome: "failure",
      message: expect.stringContaining("check the AXL credentials on the cluster source"),
    });
    expect(await auditRows("phone.restart")).toEqual([
      expect.objectContaining({ target: DESK_PHONE, outcome: "failure" }),
    ]);
  });

  test("a phone the cluster no longer has (AXL 5007): 409 in words, audited", async () => {
    expect(cluster.control.removeDevices([JABBER])).toBe(1);
    const refused = await restart(tokens.helpdesk!, JABBER);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toBe(
      `HQ cluster no longer has ${JABBER}; nothing was restarted. Refresh the phone.`,
    );
    expect(await auditRows("phone.restart")).toEqual([expect.objectContaining({ target: JABBER, outcome: "failure" })]);
  });
});
