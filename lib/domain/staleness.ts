// The one rule for "stale", shared by the pages, the API, the pollers, effective phone states and
// alerts: a source's data is stale two poll intervals after its last successful poll. A source that
// has never been polled successfully gets the same two intervals from its creation for a first one.
// The caller passes its clock; nothing here reads the time.

export const STALE_AFTER_INTERVALS = 2;

export interface StalenessFacts {
  pollIntervalS: number;
  createdAt: Date;
  lastSuccessAt: Date | null;
}

/** The moment the source's data goes (or went) stale. */
export function staleAt(source: StalenessFacts): Date {
  const from = source.lastSuccessAt ?? source.createdAt;
  return new Date(from.getTime() + STALE_AFTER_INTERVALS * source.pollIntervalS * 1000);
}

export function isStale(source: StalenessFacts, now: Date | number): boolean {
  return (typeof now === "number" ? now : now.getTime()) > staleAt(source).getTime();
}

/** Enabled and not stale: the source's records count for its phones' effective states. */
export function countsAsFresh(source: StalenessFacts & { enabled: boolean }, now: Date | number): boolean {
  return source.enabled && !isStale(source, now);
}
