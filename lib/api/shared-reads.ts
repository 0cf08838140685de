// Identical reads in flight share one answer (issue #16). During an outage everyone opens the same
// overview and the same first page of phones at once: N identical requests then cost one database
// read and one JSON serialisation instead of N. Only for contracts marked `shared` (the answer does
// not depend on who asks, once the permission check passed). A request never joins a read that
// started before a write this process finished, so whoever just changed something reads it back.

/** The body of a shared answer, or a Response (a stream, such as a CSV export), which cannot be shared. */
export type SharedAnswer = { json: string } | { response: Response };

const flights = new Map<string, Promise<SharedAnswer>>();
let writesFinished = 0;
let waiting = 0;

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
 * The answer of the read running under `key`, or of a new one. A read that fails fails every
 * request that joined it (each gets the same error envelope). `joined` says whether this request
 * rode on another's read.
 */
export async function sharedRead(
  key: string,
  read: () => Promise<SharedAnswer>,
): Promise<{ answer: SharedAnswer; joined: boolean }> {
  waiting++;
  try {
    const running = flights.get(key);
    if (running) return { answer: await running, joined: true };
    const flight = read().finally(() => flights.delete(key));
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
