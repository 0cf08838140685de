// One keep-alive undici Agent per trust setting. TLS trust lives on the Agent of the request,
// never in process-wide state (no process-wide TLS switch, no global dispatcher).
import { createHash } from "node:crypto";
import { Agent } from "undici";

export type TlsTrust = { mode: "system" } | { mode: "pem"; pem: string } | { mode: "insecure" };

const MAX_AGENTS = 32;
const agents = new Map<string, Agent>();

function cacheKey(trust: TlsTrust, connectTimeoutMs: number): string {
  const trustKey =
    trust.mode === "pem" ? `pem:${createHash("sha256").update(trust.pem).digest("hex")}` : trust.mode;
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
    connect: { timeout: connectTimeoutMs, ...tlsOptions(trust) },
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
