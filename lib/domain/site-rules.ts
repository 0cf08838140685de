// Which site a cluster's device belongs to: admin-editable rules on the device's CUCM device pool or
// location, its IPv4 subnet, or a prefix of its description or name. Device pool and location rules
// are tried first, whatever their place in the list: they are the site as the CUCM admins configured
// it, while a subnet only suggests one (VPN pools, softphones, DHCP scopes spanning sites). Within
// each group the first match wins. A router's phones belong to the router's site.
import { z } from "zod";

/** In the order they are tried (the UI lists them so). */
export const siteRuleKinds = ["device-pool", "location", "subnet", "description-prefix", "name-prefix"] as const;
export type SiteRuleKind = (typeof siteRuleKinds)[number];

/** Kinds that match a name the cluster configured: tried before every other kind. */
const configuredNameKinds: ReadonlySet<string> = new Set<SiteRuleKind>(["device-pool", "location"]);

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 address as a 32-bit number, or null. */
export function ipv4ToNumber(text: string): number | null {
  const match = IPV4.exec(text.trim());
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** "10.40.0.0/16" as base and mask, or null when it is not an IPv4 CIDR. */
export function parseCidr(text: string): { base: number; mask: number } | null {
  const [address, bits, extra] = text.trim().split("/");
  if (extra !== undefined || address === undefined || bits === undefined || !/^\d{1,2}$/.test(bits)) return null;
  const prefix = Number(bits);
  const base = ipv4ToNumber(address);
  if (base === null || prefix > 32) return null;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (base & mask) >>> 0, mask };
}

/**
 * Why a device pool or location pattern is unusable, or null. CUCM does not allow `*` in these
 * names, so a trailing `*` can safely mean "starts with" (BR-* is every branch pool); anywhere else
 * it is someone expecting a wildcard we do not offer.
 */
function configuredNameProblem(kind: "device-pool" | "location", pattern: string): string | null {
  const what = kind === "device-pool" ? "device pool" : "location";
  const body = pattern.endsWith("*") ? pattern.slice(0, -1) : pattern;
  if (body.includes("*")) return `Use * only at the end, as in BR-* (every ${what} starting BR-).`;
  if (body.trim() === "") return `Put the start of the ${what}'s name before the *, as in BR-*.`;
  return null;
}

export const siteRuleSchema = z
  .object({
    kind: z.enum(siteRuleKinds),
    pattern: z
      .string()
      .trim()
      .min(1, "Enter a subnet, a prefix, or a device pool or location name.")
      .max(200, "A pattern is at most 200 characters."),
    site: z.string().trim().min(1, "Enter the site.").max(100),
  })
  .superRefine((rule, ctx) => {
    if (rule.pattern === "") return; // the empty pattern already has its message
    if (rule.kind === "subnet" && !parseCidr(rule.pattern)) {
      ctx.addIssue({
        code: "custom",
        path: ["pattern"],
        message: "A subnet is an IPv4 address and prefix length, like 10.40.0.0/16.",
      });
    }
    if (rule.kind === "device-pool" || rule.kind === "location") {
      const problem = configuredNameProblem(rule.kind, rule.pattern);
      if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
    }
  });
export type SiteRuleInput = z.output<typeof siteRuleSchema>;

export interface SiteRule {
  kind: SiteRuleKind;
  pattern: string;
  site: string;
}

/** What the rules look at: a cluster's Device row (devicePool and location are "" until AXL fills them). */
export interface SiteDevice {
  ipAddress: string;
  description: string;
  name: string;
  devicePool: string;
  location: string;
}

export type SiteMatcher = (device: SiteDevice) => string | null;

/**
 * A device pool or location pattern: the whole name, or with a trailing `*` its start; trimmed and
 * ignoring case, as admins type names that CUCM stores case-sensitively. An empty name never matches.
 */
function configuredNameMatcher(pattern: string): (name: string) => boolean {
  const wanted = pattern.trim().toLowerCase();
  const prefix = wanted.endsWith("*") ? wanted.slice(0, -1) : null;
  return (name) => {
    const value = name.trim().toLowerCase();
    if (value === "") return false;
    return prefix === null ? value === wanted : prefix !== "" && value.startsWith(prefix);
  };
}

function compile(rule: SiteRule): (device: SiteDevice) => boolean {
  switch (rule.kind) {
    case "device-pool": {
      const matches = configuredNameMatcher(rule.pattern);
      return (d) => matches(d.devicePool);
    }
    case "location": {
      const matches = configuredNameMatcher(rule.pattern);
      return (d) => matches(d.location);
    }
    case "subnet": {
      const cidr = parseCidr(rule.pattern);
      return (d) => {
        const ip = cidr ? ipv4ToNumber(d.ipAddress) : null;
        return cidr !== null && ip !== null && (ip & cidr.mask) >>> 0 === cidr.base;
      };
    }
    case "description-prefix":
    case "name-prefix": {
      const prefix = rule.pattern.toLowerCase();
      const field = rule.kind === "description-prefix" ? "description" : "name";
      return (d) => d[field].toLowerCase().startsWith(prefix);
    }
    default:
      // A kind this version does not know (rules are stored as text): it places nothing.
      return () => false;
  }
}

/** Compiles the rules once for a recompute of many devices, configured-name rules first. */
export function siteMatcher(rules: readonly SiteRule[]): SiteMatcher {
  const ordered = [
    ...rules.filter((r) => configuredNameKinds.has(r.kind)),
    ...rules.filter((r) => !configuredNameKinds.has(r.kind)),
  ];
  const compiled = ordered.map((rule) => ({ site: rule.site, matches: compile(rule) }));
  return (device) => {
    for (const rule of compiled) if (rule.matches(device)) return rule.site;
    return null;
  };
}
