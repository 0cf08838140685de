// A cluster source (passwords opened) as an AXL client of its publisher, with the source's TLS trust
// and timeout, like its RisPort client in clients.ts. Helpdesk restarts use it now; the
// configured-inventory read will too.
import { createAxlClient, type AxlClient } from "@/lib/axl/client";
import type { AxlConnection, SourceConnection } from "@/lib/db/sources";

/** What an AXL client needs from its source: the AXL connection (non-null only with AXL enabled). */
export type AxlSource = Pick<SourceConnection, "tls" | "timeoutMs"> & { axl: AxlConnection };

/**
 * A new client each call: it learns the cluster's schema version on its first request. `timeoutMs`
 * overrides the source's (a large configured read needs longer than one RisPort request).
 */
export function axlClient(source: AxlSource, options: { timeoutMs?: number } = {}): AxlClient {
  return createAxlClient({
    url: source.axl.url,
    username: source.axl.username,
    password: source.axl.password,
    tls: source.tls,
    timeoutMs: options.timeoutMs ?? source.timeoutMs,
  });
}
