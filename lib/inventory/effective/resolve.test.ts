import { describe, expect, test } from "vitest";
import { nextTimes, resolveDevice, type DeviceRecord, type SourceFacts } from "./resolve";
import { parseCidr, siteMatcher } from "@/lib/domain/site-rules";

const sources = new Map<string, SourceFacts>([
  ["cluster", { kind: "cucm", site: "HQ", fresh: true }],
  ["leeds", { kind: "cme", site: "Leeds", fresh: true }],
  ["paris", { kind: "cme", site: "Paris", fresh: true }],
  ["stale-cluster", { kind: "cucm", site: "HQ", fresh: false }],
]);
const record = (sourceId: string, registrationStatus: string, extra: Partial<DeviceRecord> = {}): DeviceRecord => ({
  id: `${sourceId}-1`,
  sourceId,
  name: "SEP000DBC80EB51",
  registrationStatus,
  missing: false,
  ipAddress: "10.40.1.5",
  description: "Leeds reception",
  devicePool: "",
  location: "",
  ...extra,
});
const noRules = siteMatcher([]);

describe("effective state across sources", () => {
  test("registered on its cluster wins, whatever the router says", () => {
    const r = resolveDevice([record("cluster", "registered"), record("leeds", "unregistered")], sources, noRules);
    expect(r).toMatchObject({
      status: "registered",
      fallbackSourceId: null,
      representativeId: "cluster-1",
      listing: "shown",
    });
  });

  test("unregistered on the cluster and registered on an SRST router is in fallback on that router", () => {
    const r = resolveDevice([record("cluster", "unregistered"), record("leeds", "registered")], sources, noRules);
    expect(r).toMatchObject({
      status: "in-fallback",
      fallbackSourceId: "leeds",
      representativeId: "cluster-1",
      site: "Leeds",
    });
  });

  test("gone from the cluster while registered on a router is in fallback too; the router's record represents it", () => {
    const r = resolveDevice(
      [record("cluster", "registered", { missing: true }), record("leeds", "registered")],
      sources,
      noRules,
    );
    expect(r).toMatchObject({
      status: "in-fallback",
      fallbackSourceId: "leeds",
      representativeId: "leeds-1",
      listing: "shown",
    });
  });

  test("a router-only phone is simply registered or unregistered", () => {
    expect(resolveDevice([record("paris", "registered")], sources, noRules)).toMatchObject({
      status: "registered",
      site: "Paris",
    });
    expect(resolveDevice([record("paris", "unregistered")], sources, noRules)).toMatchObject({
      status: "unregistered",
    });
  });

  test("the cluster's own problem states stay when no router has the phone", () => {
    expect(
      resolveDevice([record("cluster", "rejected"), record("leeds", "unregistered")], sources, noRules).status,
    ).toBe("rejected");
    expect(resolveDevice([record("cluster", "partially-registered")], sources, noRules).status).toBe(
      "partially-registered",
    );
    expect(
      resolveDevice([record("cluster", "unregistered"), record("leeds", "unregistered")], sources, noRules).status,
    ).toBe("unregistered");
  });

  test("no fresh data is unknown; a stale cluster with the router registered is still fallback", () => {
    expect(resolveDevice([record("stale-cluster", "registered")], sources, noRules).status).toBe("unknown");
    expect(
      resolveDevice([record("stale-cluster", "registered"), record("leeds", "registered")], sources, noRules),
    ).toMatchObject({ status: "in-fallback", fallbackSourceId: "leeds" });
  });

  test("every record missing: the device is gone, listed only on request", () => {
    const r = resolveDevice(
      [record("cluster", "registered", { missing: true }), record("leeds", "unregistered", { missing: true })],
      sources,
      noRules,
    );
    expect(r).toMatchObject({ listing: "gone", representativeId: "cluster-1" });
  });

  test("site: a rule for a cluster device, else the router it has a record on, else the cluster's", () => {
    const rules = siteMatcher([
      { kind: "description-prefix", pattern: "MAN ", site: "Manchester" },
      { kind: "subnet", pattern: "10.40.0.0/16", site: "Leeds office" },
    ]);
    expect(resolveDevice([record("cluster", "registered")], sources, rules).site).toBe("Leeds office");
    expect(resolveDevice([record("cluster", "registered", { description: "man desk" })], sources, rules).site).toBe(
      "Manchester",
    );
    expect(
      resolveDevice(
        [record("cluster", "registered", { ipAddress: "10.9.0.1" }), record("leeds", "unregistered")],
        sources,
        rules,
      ).site,
    ).toBe("Leeds");
    expect(resolveDevice([record("cluster", "registered", { ipAddress: "10.9.0.1" })], sources, rules).site).toBe("HQ");
  });
});

describe("times", () => {
  const t0 = new Date("2026-01-01T10:00:00Z");
  const t1 = new Date("2026-01-01T10:05:00Z");
  test("leaving registered stamps leftRegisteredAt; coming back clears it; staying keeps it", () => {
    expect(nextTimes({ status: "registered", changedAt: t0, leftRegisteredAt: null }, "in-fallback", t1)).toEqual({
      changedAt: t1,
      leftRegisteredAt: t1,
    });
    expect(nextTimes({ status: "unregistered", changedAt: t0, leftRegisteredAt: t0 }, "in-fallback", t1)).toEqual({
      changedAt: t1,
      leftRegisteredAt: t0,
    });
    expect(nextTimes({ status: "in-fallback", changedAt: t0, leftRegisteredAt: t0 }, "registered", t1)).toEqual({
      changedAt: t1,
      leftRegisteredAt: null,
    });
    expect(nextTimes(null, "unregistered", t1)).toEqual({ changedAt: t1, leftRegisteredAt: null });
  });
  test("CIDRs parse strictly", () => {
    expect(parseCidr("10.40.0.0/16")).not.toBeNull();
    expect(parseCidr("10.40.0.0")).toBeNull();
    expect(parseCidr("10.400.0.0/16")).toBeNull();
    expect(parseCidr("10.0.0.0/33")).toBeNull();
  });

  test("off its router and not yet back on its cluster: returning, for the grace only", () => {
    const down = [record("cluster", "unregistered"), record("leeds", "unregistered")];
    const t = new Date("2026-01-01T10:00:00Z");
    const from = (status: string, minutesAgo: number) => ({
      status,
      changedAt: new Date(t.getTime() - minutesAgo * 60_000),
    });
    expect(resolveDevice(down, sources, noRules, from("in-fallback", 30), t).status).toBe("returning");
    expect(resolveDevice(down, sources, noRules, from("returning", 9), t).status).toBe("returning");
    expect(resolveDevice(down, sources, noRules, from("returning", 10), t).status).toBe("unregistered");
    // Never in fallback, or a router-only phone: as the sources say.
    expect(resolveDevice(down, sources, noRules, from("registered", 1), t).status).toBe("unregistered");
    expect(resolveDevice([record("paris", "unregistered")], sources, noRules, from("in-fallback", 1), t).status).toBe(
      "unregistered",
    );
    // Back on the cluster: registered.
    expect(
      resolveDevice(
        [record("cluster", "registered"), record("leeds", "unregistered")],
        sources,
        noRules,
        from("returning", 1),
        t,
      ).status,
    ).toBe("registered");
  });
});
