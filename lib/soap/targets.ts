// Which hosts a source may point at (LINEWATCH_ALLOWED_TARGETS). The policy is pure; the one the
// transport enforces is installed from outside (lib/soap reads no configuration of its own).
import { BlockList, isIP } from "node:net";
import { domainToASCII } from "node:url";

export const ALLOWED_TARGETS_SETTING = "LINEWATCH_ALLOWED_TARGETS";

type Family = "ipv4" | "ipv6";

/** Subnets no entry can open: link-local, cloud metadata, "this host", multicast, broadcast. */
const NEVER: ReadonlyArray<[string, number, Family]> = [
  ["0.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["100.100.100.200", 32, "ipv4"], // Alibaba Cloud metadata, inside the CGNAT range
  ["168.63.129.16", 32, "ipv4"], // Azure wire server
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"], // reserved, and 255.255.255.255
  ["::", 128, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
  ["fd00:ec2::254", 128, "ipv6"], // AWS metadata over IPv6, inside the ULA range
];

/** Names that resolve to a metadata service inside a cloud; refused before any lookup. */
const NEVER_NAMES = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
]);

/** Without LINEWATCH_ALLOWED_TARGETS: loopback and private ranges, where routers and clusters live. */
const DEFAULT_ALLOWED: ReadonlyArray<[string, number, Family]> = [
  ["127.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
];

const never = subnets(NEVER);

function subnets(list: ReadonlyArray<[string, number, Family]>): BlockList {
  const blocks = new BlockList();
  for (const [network, prefix, family] of list) blocks.addSubnet(network, prefix, family);
  return blocks;
}

export interface TargetPolicy {
  /** The configured entries; undefined for the default policy. */
  readonly entries: readonly string[] | undefined;
  readonly addresses: BlockList;
  /** Exact host names, lower-case ASCII. */
  readonly names: ReadonlySet<string>;
  /** From `*.example.com` entries: ".example.com". */
  readonly suffixes: readonly string[];
}

/** A malformed LINEWATCH_ALLOWED_TARGETS entry. */
export class TargetConfigError extends Error {}

const HOST_NAME = /^(?!-)[a-z0-9_-]{1,63}(?<!-)(\.(?!-)[a-z0-9_-]{1,63}(?<!-))*$/;

/** A host as the URL parser leaves it: lower case, no brackets, no trailing dot. */
function normalHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

/** "10.0.0.0/8", "fd00::/8", "192.168.1.7", "cme.example.com", "*.example.com"; case-insensitive. */
export function createTargetPolicy(entries?: readonly string[]): TargetPolicy {
  if (entries === undefined)
    return { entries: undefined, addresses: subnets(DEFAULT_ALLOWED), names: new Set(), suffixes: [] };
  const addresses = new BlockList();
  const names = new Set<string>();
  const suffixes: string[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const [network, prefixText, ...extra] = entry.trim().split("/");
    const family = isIP(normalHost(network ?? ""));
    if (family !== 0) {
      const address = normalHost(network!);
      const max = family === 4 ? 32 : 128;
      const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (extra.length > 0 || address.includes("%") || !(prefix >= 0 && prefix <= max)) bad.push(entry);
      else addresses.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
      continue;
    }
    const wildcard = entry.trim().startsWith("*.");
    // domainToASCII turns an internationalised name into the punycode the URL parser produces.
    const name = domainToASCII(normalHost(wildcard ? entry.trim().slice(2) : entry));
    if (prefixText !== undefined || !name || !HOST_NAME.test(name)) bad.push(entry);
    else if (wildcard) suffixes.push(`.${name}`);
    else names.add(name);
  }
  if (bad.length > 0) {
    // Read after the setting's name ("LINEWATCH_ALLOWED_TARGETS: not an IP address, …").
    throw new TargetConfigError(
      `not an IP address, CIDR range, host name or *.domain: ${bad.map((b) => JSON.stringify(b)).join(", ")}`,
    );
  }
  return { entries: [...entries], addresses, names, suffixes };
}

/** The setting's text as entries, split on commas and white space; blank means the default. */
export function parseAllowedTargets(raw: string | undefined): string[] | undefined {
  const entries = (raw ?? "").split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return undefined;
  createTargetPolicy(entries); // throws on a bad entry, so it is reported at startup
  return entries;
}

/** An IPv6 address as 8 numbers, after the URL parser has put it in canonical form. */
function ipv6Groups(address: string): number[] {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split("::") as [string, string | undefined];
  const part = (text: string | undefined) => (text ? text.split(":").map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const v4From = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join(".");

/**
 * The address the socket really reaches, and the IPv4 addresses an IPv6 one may be translated to:
 * an IPv4-mapped address is an IPv4 socket; NAT64 (64:ff9b::/96, and the local-use 64:ff9b:1::/48
 * in either RFC 6052 layout) and 6to4 (2002::/16) reach the IPv4 address they embed.
 */
function unwrapped(raw: string): { address: string; family: Family; embedded: string[] } {
  const address = raw.replace(/%.*$/, ""); // a zone index (fe80::1%eth0) does not change the class
  if (isIP(address) === 4) return { address, family: "ipv4", embedded: [] };
  const g = ipv6Groups(address);
  const prefixIs = (...head: number[]) => head.every((value, i) => g[i] === value);
  if (prefixIs(0, 0, 0, 0, 0, 0xffff)) return { address: v4From(g[6]!, g[7]!), family: "ipv4", embedded: [] };
  if (prefixIs(0x64, 0xff9b, 0, 0, 0, 0)) return { address, family: "ipv6", embedded: [v4From(g[6]!, g[7]!)] };
  // /48 layout: v4 bits 0-15 in group 3, bits 16-31 after the reserved "u" octet (bits 64-71).
  // Which layout a translator uses is its configuration: check each one the address has bits in.
  if (prefixIs(0x64, 0xff9b, 1)) {
    const wide = g[3]! | g[4]! | g[5]!;
    const narrow = g[6]! | g[7]!;
    const embedded = [
      ...(narrow || !wide ? [v4From(g[6]!, g[7]!)] : []),
      ...(wide ? [v4From(g[3]!, ((g[4]! & 0xff) << 8) | (g[5]! >> 8))] : []),
    ];
    return { address, family: "ipv6", embedded };
  }
  if (prefixIs(0x2002)) return { address, family: "ipv6", embedded: [v4From(g[1]!, g[2]!)] };
  return { address, family: "ipv6", embedded: [] };
}

function nameAllowed(host: string, policy: TargetPolicy): boolean {
  return policy.names.has(host) || policy.suffixes.some((suffix) => host.endsWith(suffix));
}

/** How the address is named in a message: the host, and what it resolved to when that differs. */
const shown = (host: string, address: string) => (host === address ? host : `${host} (${address})`);

function addressRefusal(host: string, raw: string, policy: TargetPolicy, allowedByName: boolean): string | undefined {
  const { address, family, embedded } = unwrapped(normalHost(raw));
  if (never.check(address, family) || embedded.some((v4) => never.check(v4, "ipv4"))) {
    return `${shown(host, raw)} is a link-local, cloud metadata or reserved address, which Linewatch never connects to.`;
  }
  if (allowedByName || policy.addresses.check(address, family)) return undefined;
  return policy.entries === undefined
    ? `${shown(host, raw)} is not a loopback or private address; to allow it, list it in ${ALLOWED_TARGETS_SETTING}.`
    : `${shown(host, raw)} is not allowed by ${ALLOWED_TARGETS_SETTING}.`;
}

/**
 * Why a URL's host is refused before any lookup, or undefined. IP literals are decided here (a
 * connect to a literal does no lookup); a host name only when it names a metadata service.
 */
export function hostRefusal(rawHost: string, policy: TargetPolicy): string | undefined {
  const host = normalHost(rawHost);
  if (isIP(host) !== 0) return addressRefusal(host, host, policy, false);
  if (NEVER_NAMES.has(host)) return `${host} is a cloud metadata host name, which Linewatch never connects to.`;
  return undefined;
}

/**
 * Why the addresses a host name resolved to are refused, or undefined. Every address is checked,
 * since the connection may use any of them. A host listed by name may resolve anywhere except
 * the addresses that are never allowed.
 */
export function resolvedRefusal(
  rawHost: string,
  addresses: readonly string[],
  policy: TargetPolicy,
): string | undefined {
  const host = normalHost(rawHost);
  const early = hostRefusal(host, policy);
  if (early !== undefined) return early;
  const byName = nameAllowed(host, policy);
  for (const address of addresses) {
    const refusal = addressRefusal(host, address, policy, byName);
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

// The active policy lives on globalThis: Next.js may load this module once per bundle, and every
// copy must enforce the one policy the configuration installed.
const slot = globalThis as unknown as { linewatchTargetPolicy?: TargetPolicy };
const defaultPolicy = createTargetPolicy(undefined);

/** Installs the policy the transport enforces; undefined restores the default. */
export function configureTargets(entries: readonly string[] | undefined): void {
  slot.linewatchTargetPolicy = createTargetPolicy(entries);
}

export function activeTargetPolicy(): TargetPolicy {
  return slot.linewatchTargetPolicy ?? defaultPolicy;
}
