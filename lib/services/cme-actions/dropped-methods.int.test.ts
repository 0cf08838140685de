// Key phones and password resets on a router that refuses the methods Cisco's newer guide no
// longer lists (ISsetKeyPhones, ISunsetKeyPhones, ISupdateUser), through the real route handlers,
// the real database and the CME simulator: key phones change through ISexecCLI instead, per
// phone, and a password reset that cannot be done says why.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  ANNA_PHONE,
  PETER_PHONE,
  UNKNOWN_PHONE,
  addSource,
  actionsApi,
  storeDevices,
  storedFlag,
  startWorld,
  type ActionsWorld,
} from "@/lib/testing/cme-actions";
import * as keyPhones from "@/app/api/v1/sources/[id]/key-phones/route";
import * as resetPassword from "@/app/api/v1/sources/[id]/cme-users/[userId]/reset-password/route";

const api = actionsApi({ keyPhones, resetPassword });

let world: ActionsWorld;
let helpdesk: string;
let sourceId: string;

beforeAll(async () => {
  world = await startWorld();
  helpdesk = world.tokens.helpdesk;
  sourceId = await addSource(world.router, "Newer router", 5000);
  await storeDevices(sourceId, [
    { name: PETER_PHONE, keyPhone: false },
    { name: ANNA_PHONE, keyPhone: false },
  ]);
});
afterAll(async () => world?.stop());

describe.each(["ISError", "fault", "empty"] as const)("refused with %s", (refusal) => {
  beforeEach(() => {
    world.router.control.setBehaviour({ refuse: ["ISsetKeyPhones", "ISunsetKeyPhones", "ISupdateUser"], refusal });
  });

  test("key phones are set and unset through the CLI, per phone, and the message says so", async () => {
    world.router.control.resetCounters();
    const set = await (
      await api.changeKeyPhones(helpdesk, sourceId, { action: "set", phones: [PETER_PHONE, UNKNOWN_PHONE] })
    ).json();
    expect(set.outcome).toBe("partial");
    expect(set.message).toMatch(
      /^This router does not take ISsetKeyPhones \(.+\), so the change went through its CLI \(ephone N, keyphone\)\. /,
    );
    expect(set.results.map((r: { phone: string; ok: boolean }) => [r.phone, r.ok])).toEqual([
      [PETER_PHONE, true],
      [UNKNOWN_PHONE, false],
    ]);
    expect(world.router.control.keyPhone(PETER_PHONE)).toBe(true);
    expect(await storedFlag(sourceId, PETER_PHONE)).toBe(true);
    expect(world.router.control.requestCount("ISexecCLI")).toBe(1);
    // The unknown name never reached the CLI: `ephone N` for it would have created a phone.
    expect(world.router.control.phones().filter((p) => p.protocol === "sccp")).toHaveLength(2);

    const unset = await (
      await api.changeKeyPhones(helpdesk, sourceId, { action: "unset", phones: [PETER_PHONE] })
    ).json();
    expect(unset.outcome).toBe("success");
    expect(world.router.control.keyPhone(PETER_PHONE)).toBe(false);
  });

  test("a password reset the router cannot do says why, and nothing changed", async () => {
    const before = world.router.control.userPassword("peter");
    const result = await (await api.resetPassword(helpdesk, sourceId, "peter")).json();
    expect(result.outcome).toBe("failure");
    expect(result.password).toBeUndefined();
    expect(result.message).toMatch(
      /^This router cannot reset passwords through its XML API \(it refused ISupdateUser, which Cisco's newer guide no longer lists: .+\)\. No password was changed for peter; change it on the router itself\.$/,
    );
    expect(world.router.control.userPassword("peter")).toBe(before);
  });
});
