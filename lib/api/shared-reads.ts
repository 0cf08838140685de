// Identical reads in flight share one answer (issue #16). During an outage everyone opens the same
// overview and the same first page of phones at once: N identical requests then cost one database
// read and one JSON serialisation instead of N. Only for contracts marked `shared` (the answer does
// not depend on who asks, once the permission check passed). A request never joins a read that
// started before a write this process finished, so whoever just changed something reads it back.
//
// A contract may also keep its answer for a moment after the read (`reuseMs`). The overview at 202
// sources took ~6 ms of this process's one JavaScript thread per request (0.70 of it busy at 115
// overviews a second, bench:load), and readers arriving one after another rather than together
// each worked it out again. Kept for a second, it is worked out at most once a second per query
// (overview 115 -> 203 req/s idle, 93 -> 208 polling), and a reader gets bytes encoded once.

/** The body of a shared answer (UTF-8 JSON), or a Response (a stream, such as a CSV export), which cannot be shared. */
export type SharedAnswer = { json: Uint8Array<ArrayBuffer> } | { response: Response };

/** Where the standalone server's compression (scripts/web-compression.mjs) reads which bodies never change. */
const IMMUTABLE_BODIES = Symbol.for("linewatch.immutable-bodies");
const utf8 = new TextEncoder();

/**
 * A JSON answer to share among readers. Its bytes are never changed after this, and the
 * compression is told so: it gzips them once, by identity, instead of hashing them per reader.
 */
export function sharedJson(value: unknown): { json: Uint8Array<ArrayBuffer> } {
  const json = utf8.encode(JSON.stringify(value));
  (globalThis as { [IMMUTABLE_BODIES]?: WeakSet<ArrayBuffer> })[IMMUTABLE_BODIES]?.add(json.buffer);
  return { json };
}

/**
 * A reply's body carrying a shared answer: a stream of the answer's own bytes. A Response made
 * from a Uint8Array copies it (the Fetch standard's "copy of the bytes"). The overview at 202
 * sources is ~150 KB: at ~600 readers a second those copies (~90 MB/s of ArrayBuffers) made V8 run
 * a full GC every ~0.7 s (18 in 12 s against 1 with the stream; the web's lag p99 27.8 against
 * 16.4 ms).
 */
export function sharedBody(answer: { json: Uint8Array<ArrayBuffer> }): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(answer.json);
      controller.close();
    },
  });
}

const flights = new Map<string, Promise<SharedAnswer>>();
/** Answers kept after their read (contracts with reuseMs): until when, by this module's clock. */
const kept = new Map<string, { answer: { json: Uint8Array<ArrayBuffer> }; until: number }>();
let keptBytes = 0;
/**
 * At most this many kept answers and bytes (many different searches or pages within one second):
 * the oldest go first. 32 MiB is ~80 pages of 500 phones.
 */
const KEPT_MAX = 256;
const KEPT_MAX_BYTES = 32 * 1024 * 1024;
let clock: () => number = () => performance.now();
let writesFinished = 0;
let waiting = 0;

/** Tests set the clock the reuse window is measured with (epoch or monotonic ms, as long as it is one). */
export function setSharedReadClockForTests(now: (() => number) | null): void {
  clock = now ?? (() => performance.now());
}

/** Drops every kept answer: for tests that change what a read depends on without a write (the environment). */
export function forgetKeptAnswersForTests(): void {
  kept.clear();
  keptBytes = 0;
}

function forget(key: string): void {
  const entry = kept.get(key);
  if (!entry) return;
  kept.delete(key);
  keptBytes -= entry.answer.json.byteLength;
}

function keep(key: string, answer: { json: Uint8Array<ArrayBuffer> }, until: number): void {
  forget(key);
  const now = clock();
  for (const [k, v] of kept) if (v.until <= now) forget(k);
  // A Map iterates in insertion order: the first are the oldest.
  for (const k of kept.keys()) {
    if (kept.size < KEPT_MAX && keptBytes + answer.json.byteLength <= KEPT_MAX_BYTES) break;
    forget(k);
  }
  if (answer.json.byteLength > KEPT_MAX_BYTES) return;
  kept.set(key, { answer, until });
  keptBytes += answer.json.byteLength;
}

/** A write request of this process finished: reads from now on start fresh. */
export function noteWriteFinished(): void {
  writesFinished++;
}

/** Object keys sorted, so `?a=1&b=2` and `?b=2&a=1` are one read. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export function sharedReadKey(route: string, params: unknown, query: unknown): string {
  return `${writesFinished}\u0000${route}\u0000${canonical(params ?? null)}\u0000${canonical(query ?? null)}`;
}

/**
 * The answer of the read running under `key`, or of a new one; with `reuseMs`, also the answer of
 * a read that started less than that long ago (a JSON body only: a failure or a stream is never
 * kept). A read that fails fails every request that joined it (each gets the same error envelope).
 * `joined` says whether this request rode on another's read.
 */
export async function sharedRead(
  key: string,
  read: () => Promise<SharedAnswer>,
  reuseMs = 0,
): Promise<{ answer: SharedAnswer; joined: boolean }> {
  waiting++;
  try {
    if (reuseMs > 0) {
      const recent = kept.get(key);
      if (recent && clock() < recent.until) return { answer: recent.answer, joined: true };
      forget(key);
    }
    const running = flights.get(key);
    if (running) return { answer: await running, joined: true };
    const startedAt = clock();
    const flight = read()
      .then((answer) => {
        if (reuseMs > 0 && "json" in answer) keep(key, answer, startedAt + reuseMs);
        return answer;
      })
      .finally(() => flights.delete(key));
    flights.set(key, flight);
    return { answer: await flight, joined: false };
  } finally {
    waiting--;
  }
}

/** Reads in flight now, and the requests waiting for them (for tests). */
export function sharedReadsInFlight(): { reads: number; requests: number } {
  return { reads: flights.size, requests: waiting };
}
