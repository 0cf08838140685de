// The web admission's state (scripts/web-admission.mjs, outside the bundle), where this process
// runs one: /metrics reads its queue, and the route wrapper tells it which shared reads run, so
// requests that would only join one are let in at once rather than queued behind the limit.

/** What the admission shares on globalThis. */
export interface AdmissionState {
  max: number;
  limit(): number;
  waiting(): number;
  active(): number;
  started: number;
  waitedMs: number;
  joined?: number;
  joinable?(url: string): void;
  settled?(url: string): void;
}

const admissionKey = Symbol.for("linewatch.web-admission");

export const admission = (): AdmissionState | undefined =>
  (globalThis as { [admissionKey]?: AdmissionState })[admissionKey];

/**
 * Runs a shared read while GETs of `address` (its path and query, as the client sent them) count
 * as joining it: the admission lets them in at once. They still authenticate and check their
 * permission first; one that finds the read over starts its own.
 */
export async function whileJoinable<T>(address: string, read: () => Promise<T>): Promise<T> {
  const state = admission();
  state?.joinable?.(address);
  try {
    return await read();
  } finally {
    state?.settled?.(address);
  }
}
