import { describe, expect, test } from "vitest";
import type { DeviceState } from "@/lib/db/inventory-types";
import { carryForward, changesOf } from "./changes";
import { macOf } from "@/lib/domain/mac";
import { dnIndexOf } from "./identity";
import { fingerprint } from "./snapshot";

const phone = (over: Partial<DeviceState> = {}): DeviceState => ({
  name: "SEP0012DA8AC43D",
  mac: "0012DA8AC43D",
  deviceClass: "Phone",
  model: "Cisco 7965",
  protocol: "SCCP",
  description: "",
  devicePool: "",
  location: "",
  userName: "",
  registrationStatus: "registered",
  statusReason: "",
  ipAddress: "10.1.1.10",
  ipv6Address: "",
  firmware: "SCCP45.9-4",
  node: "cucm1",
  keyPhone: false,
  primaryDn: "1001",
  lineCount: 2,
  dnIndex: " 1001 1002 ",
  lines: JSON.stringify([
    { dn: "1001", status: "registered" },
    { dn: "1002", status: "registered" },
  ]),
  detail: "{}",
  ...over,
});

describe("device change events", () => {
  test("a new device appeared; one that was missing appeared again, whatever else changed", () => {
    expect(changesOf("device", null, phone())).toEqual([
      {
        subjectKind: "device",
        subject: "SEP0012DA8AC43D",
        change: "appeared",
        before: null,
        after: "registered",
        reason: null,
      },
    ]);
    expect(changesOf("device", phone({ registrationStatus: "unregistered" }), phone(), true)).toMatchObject([
      { change: "appeared" },
    ]);
  });

  test("status with its reason, address and firmware; lines only when the device status did not explain them", () => {
    const down = phone({
      registrationStatus: "unregistered",
      statusReason: "Keep-alive timeout",
      lines: JSON.stringify([
        { dn: "1001", status: "unregistered" },
        { dn: "1002", status: "unregistered" },
      ]),
    });
    expect(changesOf("device", phone(), down)).toEqual([
      {
        subjectKind: "device",
        subject: "SEP0012DA8AC43D",
        change: "status",
        before: "registered",
        after: "unregistered",
        reason: "Keep-alive timeout",
      },
    ]);
    const moved = phone({ ipAddress: "10.1.1.11", firmware: "SCCP45.9-5" });
    expect(changesOf("device", phone(), moved).map((e) => [e.change, e.before, e.after])).toEqual([
      ["ip", "10.1.1.10", "10.1.1.11"],
      ["firmware", "SCCP45.9-4", "SCCP45.9-5"],
    ]);
    const partly = phone({
      lines: JSON.stringify([
        { dn: "1001", status: "registered" },
        { dn: "1002", status: "rejected" },
      ]),
    });
    expect(changesOf("device", phone(), partly)).toEqual([
      {
        subjectKind: "device",
        subject: "SEP0012DA8AC43D",
        change: "line",
        before: "1002 registered",
        after: "1002 rejected",
        reason: null,
      },
    ]);
    expect(changesOf("device", phone(), phone({ keyPhone: true }))).toMatchObject([
      { change: "key-phone", before: "false", after: "true" },
    ]);
    expect(changesOf("device", phone({ ipAddress: "" }), phone())).toEqual([]); // a first address is not a change
  });

  test("the last known address and firmware stay when a device stops reporting them", () => {
    const silent = phone({ registrationStatus: "unregistered", ipAddress: "", firmware: "" });
    expect(carryForward("device", phone(), silent)).toMatchObject({
      ipAddress: "10.1.1.10",
      firmware: "SCCP45.9-4",
      registrationStatus: "unregistered",
    });
  });

  test("extensions and CTI applications: appeared and status", () => {
    const ext = {
      key: "sccp:1",
      tag: "1",
      number: "1001",
      secondaryNumber: "",
      kind: "SCCP",
      type: "normal",
      status: "up",
      callStatus: "IDLE",
      lineMode: "",
      firstName: "",
      lastName: "",
      forwardAll: "",
      devices: "[]",
      detail: "{}",
    };
    expect(changesOf("extension", ext, { ...ext, status: "down" })).toEqual([
      { subjectKind: "extension", subject: "1001", change: "status", before: "up", after: "down", reason: null },
    ]);
    expect(changesOf("extension", ext, { ...ext, callStatus: "RINGING" })).toEqual([]);
    const app = {
      appId: "jtapi-10.0.0.1-4000",
      userId: "jtapi",
      address: "10.0.0.1",
      status: "open",
      reason: "",
      node: "cucm1",
      devices: "[]",
      lines: "[]",
      detail: "{}",
    };
    expect(changesOf("cti", app, { ...app, status: "closed", reason: "Reason code 2" })).toEqual([
      {
        subjectKind: "cti",
        subject: app.appId,
        change: "cti-status",
        before: "open",
        after: "closed",
        reason: "Reason code 2",
      },
    ]);
  });
});

describe("identity and fingerprints", () => {
  test("MACs from SEP/ATA names, the DN index", () => {
    expect(macOf("SEP0012da8ac43d")).toBe("0012DA8AC43D");
    expect(macOf("ATA001122334455")).toBe("001122334455");
    expect(macOf("CSFJDOE")).toBeNull();
    expect(dnIndexOf(["1001", "1002", "1001", ""])).toBe(" 1001 1002 ");
    expect(dnIndexOf([])).toBe("");
  });

  test("a fingerprint changes with any stored field and only then", () => {
    expect(fingerprint("device", phone())).toBe(fingerprint("device", phone()));
    expect(fingerprint("device", phone({ description: "Lobby" }))).not.toBe(fingerprint("device", phone()));
    expect(fingerprint("device", phone())).toMatch(/^[\w-]{22}$/);
  });
});
