import { afterEach, describe, expect, test } from "vitest";
import {
  activeTargetPolicy,
  configureTargets,
  createTargetPolicy,
  hostRefusal,
  parseAllowedTargets,
  resolvedRefusal,
  TargetConfigError,
} from "./targets";

const byDefault = createTargetPolicy(undefined);
const allowed = (host: string, policy = byDefault) => hostRefusal(host, policy) === undefined;

afterEach(() => configureTargets(undefined));

describe("the default policy", () => {
  test.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.10.20",
    "100.64.0.1",
    "[::1]",
    "[fd12:3456::1]",
    "[fc00::1]",
    "[::ffff:10.0.0.1]",
  ])("allows loopback and private %s", (host) => {
    expect(allowed(host)).toBe(true);
  });

  test.each(["8.8.8.8", "192.0.2.1", "172.32.0.1", "100.128.0.1", "[2001:db8::1]"])(
    "refuses public %s, naming the setting",
    (host) => {
      expect(hostRefusal(host, byDefault)).toMatch(
        /is not a loopback or private address; to allow it, list it in LINEWATCH_ALLOWED_TARGETS\.$/,
      );
    },
  );

  test.each([
    "169.254.169.254",
    "169.254.1.1",
    "100.100.100.200",
    "168.63.129.16",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "239.1.1.1",
    "255.255.255.255",
    "[::]",
    "[fe80::1]",
    "[febf::1]",
    "[ff02::1]",
    "[fd00:ec2::254]",
    "[::ffff:169.254.169.254]",
    "[::ffff:a9fe:a9fe]",
    "[::ffff:0.0.0.0]",
    "[64:ff9b::169.254.169.254]",
  ])("never allows link-local, metadata, unspecified, multicast or broadcast %s", (host) => {
    expect(hostRefusal(host, byDefault)).toMatch(/never connects to/);
  });

  test("refuses metadata host names before any lookup, in any case and with a trailing dot", () => {
    for (const host of [
      "metadata.google.internal",
      "METADATA.google.internal.",
      "metadata",
      "instance-data",
      "metadata.goog",
    ]) {
      expect(hostRefusal(host, byDefault), host).toMatch(/cloud metadata host name/);
    }
  });

  test("leaves other host names to the lookup", () => {
    expect(hostRefusal("cme.example.com", byDefault)).toBeUndefined();
    expect(resolvedRefusal("cme.example.com", ["10.1.1.1", "fd00::5"], byDefault)).toBeUndefined();
  });

  test("refuses a name if any one of its addresses is refused (a lookup may answer with several)", () => {
    expect(resolvedRefusal("cme.example.com", ["10.1.1.1", "169.254.169.254"], byDefault)).toBe(
      "cme.example.com (169.254.169.254) is a link-local, cloud metadata or reserved address, which Linewatch never connects to.",
    );
    expect(resolvedRefusal("cme.example.com", ["10.1.1.1", "203.0.113.9"], byDefault)).toMatch(
      /^cme\.example\.com \(203\.0\.113\.9\) is not a loopback/,
    );
    expect(resolvedRefusal("cme.example.com", ["::ffff:169.254.169.254"], byDefault)).toMatch(/never connects to/);
    expect(resolvedRefusal("cme.example.com", ["fe80::1%eth0"], byDefault)).toMatch(/never connects to/);
  });
});

describe("LINEWATCH_ALLOWED_TARGETS entries", () => {
  test("CIDRs and single addresses allow only what they cover", () => {
    const policy = createTargetPolicy(["10.20.0.0/16", "198.51.100.7", "2001:db8::/32"]);
    expect(allowed("10.20.3.4", policy)).toBe(true);
    expect(allowed("198.51.100.7", policy)).toBe(true);
    expect(allowed("[2001:db8:1::5]", policy)).toBe(true);
    expect(allowed("[::ffff:10.20.3.4]", policy)).toBe(true);
    expect(hostRefusal("10.21.0.1", policy)).toBe("10.21.0.1 is not allowed by LINEWATCH_ALLOWED_TARGETS.");
    expect(allowed("127.0.0.1", policy)).toBe(false); // the defaults no longer apply
    expect(allowed("198.51.100.8", policy)).toBe(false);
    expect(resolvedRefusal("cme.example.com", ["10.20.0.9"], policy)).toBeUndefined();
    expect(resolvedRefusal("cme.example.com", ["10.20.0.9", "10.30.0.1"], policy)).toMatch(
      /\(10\.30\.0\.1\) is not allowed/,
    );
  });

  test("metadata and link-local stay refused even when a covering range is listed", () => {
    const policy = createTargetPolicy(["169.254.0.0/16", "0.0.0.0/0", "::/0", "fd00::/8"]);
    for (const host of [
      "169.254.169.254",
      "169.254.10.10",
      "100.100.100.200",
      "[fd00:ec2::254]",
      "[fe80::1]",
      "[::ffff:169.254.169.254]",
    ]) {
      expect(hostRefusal(host, policy), host).toMatch(/never connects to/);
    }
    expect(allowed("8.8.8.8", policy)).toBe(true);
  });

  test("a host name entry matches the URL host case-insensitively, whatever it resolves to, but never metadata", () => {
    const policy = createTargetPolicy(["CME-Leeds.Example.com"]);
    expect(resolvedRefusal("cme-leeds.example.com", ["203.0.113.9"], policy)).toBeUndefined();
    expect(resolvedRefusal("CME-LEEDS.example.com.", ["203.0.113.9"], policy)).toBeUndefined();
    expect(resolvedRefusal("cme-leeds.example.com", ["169.254.169.254"], policy)).toMatch(/never connects to/);
    expect(resolvedRefusal("other.example.com", ["203.0.113.9"], policy)).toMatch(
      /not allowed by LINEWATCH_ALLOWED_TARGETS/,
    );
    expect(hostRefusal("203.0.113.9", policy)).toMatch(/not allowed/); // the name's address as a literal is not the name
  });

  test("a *.domain entry matches names under it, not the domain itself, and not metadata names", () => {
    const policy = createTargetPolicy(["*.voice.example.com", "*.internal"]);
    expect(resolvedRefusal("cucm1.voice.example.com", ["203.0.113.1"], policy)).toBeUndefined();
    expect(resolvedRefusal("a.b.voice.example.com", ["203.0.113.1"], policy)).toBeUndefined();
    expect(resolvedRefusal("voice.example.com", ["203.0.113.1"], policy)).toMatch(/not allowed/);
    expect(resolvedRefusal("evilvoice.example.com", ["203.0.113.1"], policy)).toMatch(/not allowed/);
    expect(resolvedRefusal("metadata.google.internal", ["203.0.113.1"], policy)).toMatch(/cloud metadata host name/);
  });

  test("internationalised names match the punycode the URL parser produces", () => {
    const policy = createTargetPolicy(["zürich.example.com"]);
    const host = new URL("http://zürich.example.com/").hostname;
    expect(resolvedRefusal(host, ["203.0.113.1"], policy)).toBeUndefined();
  });

  test("the setting splits on commas and white space; blank means the default", () => {
    expect(parseAllowedTargets("10.0.0.0/8, cme.example.com\n *.voice.example.com,,fd00::/8")).toEqual([
      "10.0.0.0/8",
      "cme.example.com",
      "*.voice.example.com",
      "fd00::/8",
    ]);
    expect(parseAllowedTargets(undefined)).toBeUndefined();
    expect(parseAllowedTargets(" , ")).toBeUndefined();
  });

  test.each([
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/8/8",
    "10.0.0.0/x",
    "http://10.0.0.1",
    "cme.example.com:8443",
    "*",
    "*.",
    "a..b",
    "-bad.example.com",
    "host/24",
    "cme@example.com",
    "fe80::1%eth0",
  ])("refuses the bad entry %j, naming it", (entry) => {
    expect(() => parseAllowedTargets(`10.0.0.0/8, ${entry}`)).toThrow(TargetConfigError);
    expect(() => parseAllowedTargets(entry)).toThrow(
      `not an IP address, CIDR range, host name or *.domain: ${JSON.stringify(entry)}`,
    );
  });
});

describe("the installed policy", () => {
  test("is the default until configured, and undefined restores the default", () => {
    expect(activeTargetPolicy().entries).toBeUndefined();
    configureTargets(["10.0.0.0/8"]);
    expect(activeTargetPolicy().entries).toEqual(["10.0.0.0/8"]);
    configureTargets(undefined);
    expect(hostRefusal("127.0.0.1", activeTargetPolicy())).toBeUndefined();
  });
});

describe("issue 15: IPv6 addresses that carry a refused IPv4 address", () => {
  test("6to4 and NAT64 (well-known and local-use /48) are refused as the embedded address would be, even for a host allowed by name", () => {
    const policy = createTargetPolicy(["cme.example.com"]);
    for (const address of [
      "2002:a9fe:a9fe::1",
      "2002:a9fe:a9fe:1:2:3:4:5",
      "64:ff9b:1::a9fe:a9fe",
      "64:ff9b:1:a9fe:a9:fe00::",
      "64:ff9b::a9fe:a9fe",
    ]) {
      expect(resolvedRefusal("cme.example.com", [address], policy), address).toMatch(/never connects to/);
      expect(hostRefusal(`[${address}]`, byDefault), address).toMatch(/never connects to/);
    }
    // Embedding an ordinary address changes nothing for a host allowed by name.
    expect(resolvedRefusal("cme.example.com", ["2002:0a01:0101::1", "64:ff9b:1::a01:101"], policy)).toBeUndefined();
  });
});
