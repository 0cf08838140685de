// Privileged-action safety: hostile input never reaches the router, a request left unanswered
// is reported as "outcome unknown" and reconciled by reading back, a double submit has one
// effect, and only helpdesk and admin may act.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  ANNA_PHONE,
  PETER_PHONE,
  UNKNOWN_PHONE,
  addSource,
  actionsApi,
  auditRows,
  keyPhoneChanges,
  startWorld,
  storeDevices,
  storedFlag,
  untilInFlight,
  type ActionsWorld,
} from "@/lib/testing/cme-actions";
import * as cmeUser from "@/app/api/v1/sources/[id]/cme-users/[userId]/route";
import * as keyPhones from "@/app/api/v1/sources/[id]/key-phones/route";
import * as resetPassword from "@/app/api/v1/sources/[id]/cme-users/[userId]/reset-password/route";
import * as saveConfig from "@/app/api/v1/sources/[id]/save-config/route";

const api = actionsApi({ cmeUser, keyPhones, resetPassword, saveConfig });

let world: ActionsWorld;
let helpdesk: string;

beforeAll(async () => {
  world = await startWorld();
  helpdesk = world.tokens.helpdesk;
});
afterAll(async () => world?.stop());
beforeEach(() => {
  world.router.control.setFailure(null);
  world.router.control.setLatency(0);
});

const HOSTILE = [
  "SEP0012DA8AC43D<",
  "SEP0012DA8AC43D&amp;",
  "SEP0012DA8AC43D]]>",
  "SEP0012DA8AC43D-->",
  "SEP0012DA8AC43D\r\n<ISPhoneName>SEP000DEDAB3566",
  "SEP0012DA8AC43D\n",
  "SEP0012DA8AC43D\u0000",
  "<![CDATA[SEP0012DA8AC43D]]>",
  "SEP0012DA8AC43D</ISPhoneName><ISPhoneName>SEP000DEDAB3566",
];
const HOSTILE_USERS = [
  "peter<",
  "pe&ter",
  "peter]]>",
  "peter-->",
  "peter\r\nx",
  "peter\n",
  "peter\u0000",
  "<ISuserID>x</ISuserID>",
  "a".repeat(20),
];

describe("hostile input", () => {
  test("phone names with markup, CDATA ends, comment ends, CR/LF or NUL: 422, nothing sent", async () => {
    world.router.control.resetCounters();
    for (const phone of HOSTILE) {
      for (const phones of [[phone], [PETER_PHONE, phone]]) {
        const response = await api.changeKeyPhones(helpdesk, world.sourceId, { action: "set", phones });
        expect(response.status, JSON.stringify(phone)).toBe(422);
        const body = await response.json();
        expect(body.error.code).toBe("validation_failed");
        expect(JSON.stringify(body)).not.toContain("ISPhoneName");
      }
    }
    expect(world.router.control.requestCount()).toBe(0);
    expect(world.router.control.keyPhone(PETER_PHONE)).toBe(false);
  });

  test("user IDs with the same: 422 on look-up and reset, nothing sent, no audit row", async () => {
    world.router.control.resetCounters();
    const audit = (await auditRows()).length;
    for (const userId of HOSTILE_USERS) {
      expect((await api.lookUpUser(helpdesk, world.sourceId, userId)).status, JSON.stringify(userId)).toBe(422);
      expect((await api.resetPassword(helpdesk, world.sourceId, userId)).status, JSON.stringify(userId)).toBe(422);
    }
    expect(world.router.control.requestCount()).toBe(0);
    expect((await auditRows()).length).toBe(audit);
  });

  test("a body with the wrong shape is 422 too", async () => {
    for (const body of [
      { action: "toggle", phones: [PETER_PHONE] },
      { action: "set", phones: [] },
      { action: "set", phones: [PETER_PHONE], extra: 1 },
      { action: "set", phones: "SEP0012DA8AC43D" },
    ]) {
      expect((await api.changeKeyPhones(helpdesk, world.sourceId, body)).status, JSON.stringify(body)).toBe(422);
    }
  });
});

describe("unanswered requests", () => {
  let slowSourceId: string;

  beforeAll(async () => {
    // 1 s is the shortest timeout a source may have.
    slowSourceId = await addSource(world.router, "Slow router", 1000);
    await storeDevices(slowSourceId, [
      { name: PETER_PHONE, keyPhone: false },
      { name: ANNA_PHONE, keyPhone: false },
    ]);
  });

  test("key phones: a timeout after sending is 'outcome unknown' with the flags read back from the router", async () => {
    world.router.control.setLatency(2500);
    const pending = api.changeKeyPhones(helpdesk, slowSourceId, { action: "set", phones: [PETER_PHONE, ANNA_PHONE] });
    await untilInFlight(world.router);
    world.router.control.setLatency(0); // the read-back that follows is answered at once
    const response = await pending;
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toMatchObject({ action: "set", outcome: "unknown", results: [] });
    expect(result.message).toMatch(/Outcome unknown/);
    expect(result.readBack).toEqual([
      { phone: PETER_PHONE, keyPhone: world.router.control.keyPhone(PETER_PHONE) },
      { phone: ANNA_PHONE, keyPhone: world.router.control.keyPhone(ANNA_PHONE) },
    ]);
    expect(world.router.control.requestCount("ISgetDevice")).toBeGreaterThan(0);
    // The store holds what the router has; the audit rows say the outcome was unknown.
    expect(await storedFlag(slowSourceId, PETER_PHONE)).toBe(world.router.control.keyPhone(PETER_PHONE));
    const audit = (await auditRows("key-phone.set")).filter((a) => JSON.parse(a.detail).sourceId === slowSourceId);
    expect(audit.map((a) => [a.target, a.outcome])).toEqual([
      [PETER_PHONE, "unknown"],
      [ANNA_PHONE, "unknown"],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toHaveProperty("readBackFlag", world.router.control.keyPhone(PETER_PHONE));
  });

  test("key phones: a reply lost after the router acted is 'unknown' too, and a failed read-back says so", async () => {
    world.router.control.setFailure("truncated"); // the router applies the change, the reply is cut
    const changes = (await keyPhoneChanges(slowSourceId)).length;
    const pending = api.changeKeyPhones(helpdesk, slowSourceId, { action: "set", phones: [ANNA_PHONE] });
    await untilInFlight(world.router);
    const result = await (await pending).json();
    expect(result.outcome).toBe("unknown");
    // The read-back went through the same cut replies, so the flags could not be read either.
    expect(result.readBack).toBeNull();
    expect(result.message).toMatch(/reading the flags back failed/);
    expect(world.router.control.keyPhone(ANNA_PHONE)).toBe(true);
    expect((await keyPhoneChanges(slowSourceId)).length).toBe(changes);

    world.router.control.setFailure(null);
    const again = await (
      await api.changeKeyPhones(helpdesk, slowSourceId, { action: "set", phones: [ANNA_PHONE] })
    ).json();
    expect(again.results).toEqual([{ phone: ANNA_PHONE, ok: true }]);
    expect(await storedFlag(slowSourceId, ANNA_PHONE)).toBe(true);
  });

  test("password reset: a timeout after sending says so plainly, shows no password, audits 'unknown'", async () => {
    world.router.control.setLatency(2500);
    const before = world.router.control.userPassword("peter");
    const pending = api.resetPassword(helpdesk, slowSourceId, "peter");
    await untilInFlight(world.router);
    world.router.control.setLatency(0);
    const response = await pending;
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toEqual({
      outcome: "unknown",
      userId: "peter",
      message: expect.stringMatching(/Outcome unknown.*cannot be read back.*reset it again/s),
    });
    expect(result).not.toHaveProperty("password");
    const [row] = (await auditRows("cme-user.reset-password")).filter(
      (a) => JSON.parse(a.detail).sourceId === slowSourceId,
    );
    expect(row?.outcome).toBe("unknown");
    expect(world.router.control.userPassword("peter")).toBe(before);
  });
});

describe("double submit", () => {
  test("key phones: two identical requests at once make one router call; the other gets 409", async () => {
    world.router.control.setLatency(300);
    world.router.control.resetCounters();
    const [first, second] = await Promise.all([
      api.changeKeyPhones(helpdesk, world.sourceId, { action: "set", phones: [PETER_PHONE] }),
      api.changeKeyPhones(helpdesk, world.sourceId, { action: "set", phones: [PETER_PHONE] }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const refused = first.status === 409 ? first : second;
    expect((await refused.json()).error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("already in progress"),
    });
    expect(world.router.control.requestCount("ISsetKeyPhones")).toBe(1);
  });

  test("overlapping phone sets conflict too; a different phone does not", async () => {
    world.router.control.setLatency(300);
    world.router.control.resetCounters();
    const afterFirstIsSent = async (body: unknown) => {
      await untilInFlight(world.router);
      return api.changeKeyPhones(helpdesk, world.sourceId, body);
    };
    const [both, annaAgain, other] = await Promise.all([
      api.changeKeyPhones(helpdesk, world.sourceId, { action: "unset", phones: [PETER_PHONE, ANNA_PHONE] }),
      afterFirstIsSent({ action: "set", phones: [ANNA_PHONE] }),
      afterFirstIsSent({ action: "set", phones: [UNKNOWN_PHONE] }),
    ]);
    expect(both.status).toBe(200);
    expect(annaAgain.status).toBe(409);
    expect(other.status).toBe(200); // waits its turn in the router's queue, then runs
    expect(world.router.control.requestCount("ISunsetKeyPhones")).toBe(1);
    expect(world.router.control.requestCount("ISsetKeyPhones")).toBe(1);
  });

  test("password reset: one ISupdateUser, one 409, and the shown password is the router's", async () => {
    world.router.control.setLatency(300);
    world.router.control.resetCounters();
    const responses = await Promise.all([
      api.resetPassword(helpdesk, world.sourceId, "anna"),
      api.resetPassword(helpdesk, world.sourceId, "anna"),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(world.router.control.requestCount("ISupdateUser")).toBe(1);
    const done = await responses.find((r) => r.status === 200)!.json();
    expect(world.router.control.userPassword("anna")).toBe(done.password);
  });

  test("save configuration: one ISSaveConfig, one 409", async () => {
    world.router.control.setLatency(300);
    world.router.control.resetCounters();
    const responses = await Promise.all([
      api.saveConfig(helpdesk, world.sourceId),
      api.saveConfig(helpdesk, world.sourceId),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(world.router.control.requestCount("ISSaveConfig")).toBe(1);
  });

  test("after the first finishes, the same action can run again", async () => {
    expect(
      (await api.changeKeyPhones(helpdesk, world.sourceId, { action: "unset", phones: [PETER_PHONE] })).status,
    ).toBe(200);
    expect(
      (await api.changeKeyPhones(helpdesk, world.sourceId, { action: "unset", phones: [PETER_PHONE] })).status,
    ).toBe(200);
  });
});

describe("roles", () => {
  test("a viewer token is refused with 403 on every route, and nothing reaches the router", async () => {
    world.router.control.resetCounters();
    const viewer = world.tokens.viewer;
    const responses = [
      await api.changeKeyPhones(viewer, world.sourceId, { action: "set", phones: [PETER_PHONE] }),
      await api.saveConfig(viewer, world.sourceId),
      await api.resetPassword(viewer, world.sourceId, "peter"),
      await api.listKeyPhones(viewer, world.sourceId),
      await api.lookUpUser(viewer, world.sourceId, "peter"),
    ];
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect(world.router.control.requestCount()).toBe(0);
  });

  test("no credentials: 401", async () => {
    expect((await api.changeKeyPhones(null, world.sourceId, { action: "set", phones: [PETER_PHONE] })).status).toBe(
      401,
    );
    expect((await api.resetPassword(null, world.sourceId, "peter")).status).toBe(401);
  });

  test("helpdesk and admin tokens are allowed on every route", async () => {
    for (const token of [world.tokens.helpdesk, world.tokens.admin]) {
      expect((await api.listKeyPhones(token, world.sourceId)).status).toBe(200);
      expect(
        (await api.changeKeyPhones(token, world.sourceId, { action: "unset", phones: [PETER_PHONE] })).status,
      ).toBe(200);
      expect((await api.saveConfig(token, world.sourceId)).status).toBe(200);
      expect((await api.lookUpUser(token, world.sourceId, "peter")).status).toBe(200);
      expect((await api.resetPassword(token, world.sourceId, "peter")).status).toBe(200);
    }
  });
});
