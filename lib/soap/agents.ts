// One keep-alive undici Agent per trust setting. TLS trust lives on the Agent of the request,
// never in process-wide state (no process-wide TLS switch, no global dispatcher). Every Agent
// resolves host names through the target policy, so the address checked is the one connected.
import { createHash } from "node:crypto";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { TargetNotAllowedError } from "./errors";
import { activeTargetPolicy, resolvedRefusal } from "./targets";

export type TlsTrust = { mode: "system" } | { mode: "pem"; pem: string } | { mode: "insecure" };

const MAX_AGENTS = 32;
const agents = new Map<string, Agent>();

function cacheKey(trust: TlsTrust, connectTimeoutMs: number): string {
  const trustKey = trust.mode === "pem" ? `pem:${createHash("sha256").update(trust.pem).digest("hex")}` : trust.mode;
  return `${trustKey}|${connectTimeoutMs}`;
}

function tlsOptions(trust: TlsTrust): { ca?: string; rejectUnauthorized: boolean } {
  switch (trust.mode) {
    case "system":
      return { rejectUnauthorized: true };
    case "pem":
      // Replaces the system store for this agent: only the pasted certificate or CA is trusted.
      return { ca: trust.pem, rejectUnauthorized: true };
    case "insecure":
      return { rejectUnauthorized: false };
  }
}

/**
 * net.connect's lookup: resolves once, refuses the connection if any address is not allowed, and
 * hands net.connect only checked addresses (no second lookup a rebinding DNS server could answer
 * differently). IP literals never reach here; the transport checks them.
 */
export const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refusal = resolvedRefusal(
      hostname,
      addresses.map((a) => a.address),
      activeTargetPolicy(),
    );
    if (refusal !== undefined)
      return callback(new TargetNotAllowedError(refusal) as unknown as NodeJS.ErrnoException, "", 0);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
    callback(null, first.address, first.family);
  });
};

/** The cached Agent for a trust setting; the oldest one is closed when the cache is full. */
export function agentFor(trust: TlsTrust, connectTimeoutMs: number): Agent {
  const key = cacheKey(trust, connectTimeoutMs);
  const cached = agents.get(key);
  if (cached) {
    agents.delete(key); // re-insert: Map order doubles as least-recently-used order
    agents.set(key, cached);
    return cached;
  }
  if (agents.size >= MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value as [string, Agent];
    agents.delete(oldestKey);
    void oldest.close().catch(() => undefined);
  }
  const agent = new Agent({
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 30_000,
    connect: { timeout: connectTimeoutMs, lookup: checkedLookup, ...tlsOptions(trust) },
  });
  agents.set(key, agent);
  return agent;
}

/** Closes every cached Agent (tests, shutdown). */
export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((agent) => agent.close().catch(() => undefined)));
}
