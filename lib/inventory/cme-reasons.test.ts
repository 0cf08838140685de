import { describe, expect, it } from "vitest";
import type { Phone } from "@/lib/cme";
import { cmeDownReason, cmeReasons } from "./cme-reasons";
import { routerDevice } from "./map-cme";

const phone = (over: Partial<Phone>): Phone => ({
  protocol: "sccp",
  name: "SEP00036B09538A",
  mac: "0003.6B09.538A",
  ephoneTag: 1,
  poolId: null,
  model: "7965",
  user: null,
  lineButtons: [],
  lines: [],
  ipv4: "10.1.0.2",
  registrationStatus: "registered",
  lastStatus: "unregistered",
  changeTime: 54887,
  keepalives: 21,
  keyPhone: false,
  doNotDisturb: false,
  tapi: null,
  configuredType: null,
  singleNumberReach: null,
  logoutProfileId: null,
  userProfileId: null,
  sessionServer: null,
  maxRegistrations: null,
  dtmfRelay: null,
  codec: null,
  ...over,
});

describe("why a CME phone is down", () => {
  it("is empty for a registered phone, whatever its last status", () => {
    expect(cmeDownReason(phone({ lastStatus: "deceased" }))).toBe("");
  });

  it("reads Cisco's unregistered example (last deceased, no keepalives) as stopped keepalives", () => {
    const down = phone({ registrationStatus: "unregistered", lastStatus: "deceased", keepalives: 0, ipv4: null });
    expect(cmeDownReason(down)).toBe(cmeReasons.keepalives);
    expect(cmeDownReason(phone({ registrationStatus: "deceased", lastStatus: "registered" }))).toBe(
      cmeReasons.keepalives,
    );
  });

  it("tells a phone that signed off from one never seen since the router started", () => {
    expect(cmeDownReason(phone({ registrationStatus: "unregistered", lastStatus: "registered", keepalives: 0 }))).toBe(
      cmeReasons.signedOff,
    );
    const configuredOnly = phone({
      registrationStatus: "unregistered",
      lastStatus: "unregistered",
      changeTime: 0,
      keepalives: 0,
      ipv4: null,
    });
    expect(cmeDownReason(configuredOnly)).toBe(cmeReasons.neverSinceRestart);
  });

  it("never invents a cause the router did not give", () => {
    const vague = phone({ registrationStatus: "unregistered", lastStatus: null, changeTime: 4000, ipv4: "10.1.0.9" });
    expect(cmeDownReason(vague)).toBe(cmeReasons.noCause);
    expect(cmeDownReason(phone({ registrationStatus: "unknown" }))).toBe(cmeReasons.noStatus);
  });

  it("says a status-less SIP pool without an address has none, and stores the reason with the record", () => {
    const pool = phone({ protocol: "sip", registrationStatus: null, ipv4: null, ephoneTag: null, poolId: 3 });
    expect(cmeDownReason(pool)).toBe(cmeReasons.noAddress);
    expect(routerDevice(pool, "rtr")).toMatchObject({
      registrationStatus: "unregistered",
      statusReason: cmeReasons.noAddress,
    });
    const stored = routerDevice(phone({ registrationStatus: "deceased" }), "rtr");
    expect(stored).toMatchObject({ registrationStatus: "unregistered", statusReason: cmeReasons.keepalives });
  });
});
