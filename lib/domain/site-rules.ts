// Which site a cluster's device belongs to: admin-editable rules (an IPv4 subnet, or a prefix of
// the description or name), first match wins. A router's phones belong to the router's site.
import { z } from "zod";

export const siteRuleKinds = ["subnet", "description-prefix", "name-prefix"] as const;
export type SiteRuleKind = (typeof siteRuleKinds)[number];

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

export const siteRuleSchema = z
  .object({
    kind: z.enum(siteRuleKinds),
    pattern: z.string().trim().min(1, "Enter a subnet or prefix.").max(200),
    site: z.string().trim().min(1, "Enter the site.").max(100),
  })
  .superRefine((rule, ctx) => {
    if (rule.kind === "subnet" && !parseCidr(rule.pattern)) {
      ctx.addIssue({
        code: "custom",
        path: ["pattern"],
        message: "A subnet is an IPv4 address and prefix length, like 10.40.0.0/16.",
      });
    }
  });
export type SiteRuleInput = z.output<typeof siteRuleSchema>;

export interface SiteRule {
  kind: SiteRuleKind;
  pattern: string;
  site: string;
}

export type SiteMatcher = (device: { ipAddress: string; description: string; name: string }) => string | null;

/** Compiles the ordered rules once for a recompute of many devices. */
export function siteMatcher(rules: readonly SiteRule[]): SiteMatcher {
  const compiled = rules.map((rule) => {
    if (rule.kind === "subnet") {
      const cidr = parseCidr(rule.pattern);
      return (d: { ipAddress: string }) => {
        const ip = cidr ? ipv4ToNumber(d.ipAddress) : null;
        return cidr !== null && ip !== null && (ip & cidr.mask) >>> 0 === cidr.base;
      };
    }
    const prefix = rule.pattern.toLowerCase();
    const field = rule.kind === "description-prefix" ? "description" : "name";
    return (d: { description: string; name: string }) => d[field].toLowerCase().startsWith(prefix);
  });
  return (device) => {
    for (let i = 0; i < compiled.length; i++) if (compiled[i]!(device)) return rules[i]!.site;
    return null;
  };
}
