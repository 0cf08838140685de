// Delivery targets pass the same checks as sources (lib/soap/targets.ts): a literal address is
// judged as it is; a host name is resolved once, every address must be allowed, and the
// connection goes to the checked address. A refused target is never contacted.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { activeTargetPolicy, hostRefusal, resolvedRefusal } from "@/lib/soap/targets";

export class TargetRefused extends Error {}

const bare = (host: string) => host.replace(/^\[(.*)\]$/, "$1");

/** Refusal decided without a lookup (saving a channel): literal addresses and metadata names. */
export function earlyRefusal(host: string): string | undefined {
  return hostRefusal(bare(host), activeTargetPolicy());
}

/** The address to connect to, or TargetRefused with the reason. */
export async function checkedAddress(host: string): Promise<string> {
  const name = bare(host);
  const policy = activeTargetPolicy();
  const early = hostRefusal(name, policy);
  if (early) throw new TargetRefused(early);
  if (isIP(name)) return name;
  const addresses = (await lookup(name, { all: true })).map((a) => a.address);
  const refusal = resolvedRefusal(name, addresses, policy);
  if (refusal) throw new TargetRefused(refusal);
  if (addresses.length === 0) throw new Error(`${name} did not resolve.`);
  return addresses[0]!;
}
