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

/**
 * How one getter (phones or extensions) re-reads a selector whose reply was cut: what the
 * fallback needs to know about its selectors and items, nothing else.
 */
export interface CutReplyRereading<S, R> {
  /** Sends the selectors (one request per getter). */
  ask(selectors: readonly S[]): Promise<R[]>;
  /** The SIP "all" keyword: SIP has no allTag, so it is re-read tag by tag. */
  isSipAll(selector: S): boolean;
  /** Every SIP tag, as one selector each. */
  sipTagSelectors(): Promise<S[]>;
  /** For an SCCP bulk keyword other than allTag: which of every item it asked for; null for any other selector. */
  keywordFilter(selector: S): ((item: R) => boolean) | null;
  /** The SCCP allTag keyword, and the selector that asks for one item it listed (null without a tag). */
  allTag: S;
  selectorOfTag(item: R): S | null;
  /** The same item asked by two selectors has one key. */
  key(item: R): string;
}

async function askOneByOne<S, R>(reading: CutReplyRereading<S, R>, selectors: readonly S[]): Promise<R[]> {
  const items: R[] = [];
  for (const selector of selectors) items.push(...(await reading.ask([selector])));
  return items;
}

/**
 * One selector; a bulk keyword whose reply is cut is re-read as allTag (SIP: every SIP tag), then
 * one item per request, keeping only what the keyword asked for.
 */
async function askRereadingCut<S, R>(reading: CutReplyRereading<S, R>, selector: S): Promise<R[]> {
  try {
    return await reading.ask([selector]);
  } catch (error) {
    if (!isCutReply(error)) throw error;
    if (reading.isSipAll(selector)) return askOneByOne(reading, await reading.sipTagSelectors());
    const filter = reading.keywordFilter(selector);
    if (!filter) throw error;
    const tags = (await reading.ask([reading.allTag]))
      .map((item) => reading.selectorOfTag(item))
      .filter((tag): tag is S => tag !== null);
    return (await askOneByOne(reading, tags)).filter(filter);
  }
}

/** Every selector in one request; a cut reply falls back per selector, then per tag. Each item once. */
export async function askWithCutReplyFallback<S, R>(
  selectors: readonly S[],
  reading: CutReplyRereading<S, R>,
): Promise<R[]> {
  const items = await batchOrOneByOne(
    selectors,
    (all) => reading.ask(all),
    (one) => askRereadingCut(reading, one),
  );
  return uniqueBy(items, (item) => reading.key(item));
}
