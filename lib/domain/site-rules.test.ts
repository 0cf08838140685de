// Site rules on a device's CUCM device pool and location: exact names ignoring case, a trailing *
// for "starts with", and tried before subnet and prefix rules wherever they are listed.
import { describe, expect, test } from "vitest";
import { siteMatcher, siteRuleSchema, type SiteDevice, type SiteRule } from "./site-rules";

const device = (extra: Partial<SiteDevice> = {}): SiteDevice => ({
  ipAddress: "10.40.1.5",
  description: "Leeds reception",
  name: "SEP000DBC80EB51",
  devicePool: "BR-LEEDS",
  location: "Leeds-LOC",
  ...extra,
});

describe("device pool and location rules", () => {
  test("a device pool rule matches the device's pool", () => {
    const siteOf = siteMatcher([{ kind: "device-pool", pattern: "BR-LEEDS", site: "Leeds" }]);
    expect(siteOf(device())).toBe("Leeds");
    expect(siteOf(device({ devicePool: "BR-YORK" }))).toBeNull();
    // The whole name: a longer pool that starts the same is another pool.
    expect(siteOf(device({ devicePool: "BR-LEEDS-2" }))).toBeNull();
  });

  test("a location rule matches the device's location, not its pool", () => {
    const siteOf = siteMatcher([{ kind: "location", pattern: "Leeds-LOC", site: "Leeds" }]);
    expect(siteOf(device())).toBe("Leeds");
    expect(siteOf(device({ location: "Hub_None", devicePool: "Leeds-LOC" }))).toBeNull();
  });

  test("names match ignoring case and surrounding spaces", () => {
    const siteOf = siteMatcher([
      { kind: "device-pool", pattern: " br-leeds ", site: "Leeds" },
      { kind: "location", pattern: "YORK-loc", site: "York" },
    ]);
    expect(siteOf(device({ devicePool: "BR-Leeds " }))).toBe("Leeds");
    expect(siteOf(device({ devicePool: "", location: "york-LOC" }))).toBe("York");
  });

  test("they are tried before subnet and prefix rules even when listed after them", () => {
    const siteOf = siteMatcher([
      { kind: "subnet", pattern: "10.40.0.0/16", site: "East office" },
      { kind: "name-prefix", pattern: "SEP", site: "Phones" },
      { kind: "location", pattern: "Leeds-LOC", site: "Leeds by location" },
      { kind: "device-pool", pattern: "BR-LEEDS", site: "Leeds by pool" },
    ]);
    // Between themselves, list order still decides: the location rule comes first.
    expect(siteOf(device())).toBe("Leeds by location");
    expect(siteOf(device({ location: "" }))).toBe("Leeds by pool");
    // No configured name matches: the subnet rule, then the prefix rule, in list order.
    expect(siteOf(device({ location: "", devicePool: "" }))).toBe("East office");
    expect(siteOf(device({ location: "", devicePool: "", ipAddress: "10.9.0.1" }))).toBe("Phones");
  });

  test("a device with no device pool or location never matches those rules", () => {
    const siteOf = siteMatcher([
      { kind: "device-pool", pattern: "BR-*", site: "Branches" },
      { kind: "location", pattern: "Hub*", site: "Hub" },
      { kind: "device-pool", pattern: "Default", site: "Default" },
    ]);
    expect(siteOf(device({ devicePool: "", location: "" }))).toBeNull();
    expect(siteOf(device({ devicePool: "   ", location: "  " }))).toBeNull();
  });

  test("a trailing * matches every name that starts with the rest", () => {
    const siteOf = siteMatcher([
      { kind: "device-pool", pattern: "br-*", site: "Branches" },
      { kind: "location", pattern: "Hub*", site: "Hub" },
    ]);
    expect(siteOf(device({ devicePool: "BR-LEEDS" }))).toBe("Branches");
    expect(siteOf(device({ devicePool: "BR-" }))).toBe("Branches");
    expect(siteOf(device({ devicePool: "HQ-POOL", location: "Hub_None" }))).toBe("Hub");
    expect(siteOf(device({ devicePool: "XBR-LEEDS", location: "" }))).toBeNull();
  });

  test("rules of kinds this version does not know place nothing", () => {
    const siteOf = siteMatcher([{ kind: "region" as SiteRule["kind"], pattern: "BR-LEEDS", site: "Leeds" }]);
    expect(siteOf(device())).toBeNull();
  });
});

describe("validation", () => {
  const issues = (rule: unknown) => siteRuleSchema.safeParse(rule).error?.issues.map((i) => i.message) ?? [];

  test("a device pool or location is any name up to 200 characters, trimmed", () => {
    expect(siteRuleSchema.parse({ kind: "device-pool", pattern: "  BR-LEEDS ", site: "Leeds" })).toEqual({
      kind: "device-pool",
      pattern: "BR-LEEDS",
      site: "Leeds",
    });
    expect(issues({ kind: "location", pattern: "Hub_None (default)", site: "Hub" })).toEqual([]);
    expect(issues({ kind: "device-pool", pattern: "B".repeat(200), site: "X" })).toEqual([]);
    expect(issues({ kind: "device-pool", pattern: "B".repeat(201), site: "X" })).toEqual([
      "A pattern is at most 200 characters.",
    ]);
    expect(issues({ kind: "location", pattern: "  ", site: "X" })).toEqual([
      "Enter a subnet, a prefix, or a device pool or location name.",
    ]);
  });

  test("* only at the end, after at least one character", () => {
    expect(issues({ kind: "device-pool", pattern: "BR-*", site: "X" })).toEqual([]);
    expect(issues({ kind: "device-pool", pattern: "BR-*-VOICE", site: "X" })).toEqual([
      "Use * only at the end, as in BR-* (every device pool starting BR-).",
    ]);
    expect(issues({ kind: "location", pattern: "*", site: "X" })).toEqual([
      "Put the start of the location's name before the *, as in BR-*.",
    ]);
  });

  test("a subnet must still be a CIDR; unknown kinds are refused", () => {
    expect(issues({ kind: "subnet", pattern: "BR-LEEDS", site: "X" })).toEqual([
      "A subnet is an IPv4 address and prefix length, like 10.40.0.0/16.",
    ]);
    expect(siteRuleSchema.safeParse({ kind: "region", pattern: "BR", site: "X" }).success).toBe(false);
  });
});
