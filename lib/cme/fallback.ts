// Cisco warns that asking for several entities at once can overflow the router's XML response
// buffer. When a multi-entity reply fails or comes back cut, ask again one entity per request.
import { ProtocolError, TransportError } from "@/lib/soap";

const CUT_REPLY_PROBLEMS = new Set(["truncated", "too-large", "not-xml", "unexpected-shape"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

/**
 * A reply that may have been cut by the router's buffer: a cut, oversized or unreadable reply,
 * or a connection reset mid-answer. Refusals, timeouts and unreachable routers are not retried.
 */
export function isCutReply(error: unknown): boolean {
  if (error instanceof ProtocolError) return CUT_REPLY_PROBLEMS.has(error.problem);
  return error instanceof TransportError && error.code !== undefined && RESET_CODES.has(error.code);
}

/** Merges results in order, keeping the first of each key. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Runs `batch(items)`; if it fails with a cut reply and there is more than one item, runs
 * `single(item)` for each in order instead (the router queue keeps them one at a time).
 */
export async function batchOrOneByOne<S, R>(
  items: readonly S[],
  batch: (items: readonly S[]) => Promise<R[]>,
  single: (item: S) => Promise<R[]>,
): Promise<R[]> {
  if (items.length === 0) return [];
  if (items.length === 1) return single(items[0]!);
  try {
    return await batch(items);
  } catch (error) {
    if (!isCutReply(error)) throw error;
  }
  const results: R[] = [];
  for (const item of items) results.push(...(await single(item)));
  return results;
}
