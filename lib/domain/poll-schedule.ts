// When a source's next poll is due, in one place: the scheduler starts polls by it, and the web's
// poller status counts the polls a slow or absent worker has left overdue by it.

export interface ScheduleFacts {
  nextPollAt: Date | null;
  breakerUntil: Date | null;
  authFailedVersion: number | null;
  settingsVersion: number;
}

/** Credentials that failed are not tried again until someone changes the source's settings. */
export const waitsForNewCredentials = (entry: ScheduleFacts): boolean =>
  entry.authFailedVersion !== null && entry.authFailedVersion === entry.settingsVersion;

/** The moment the next poll is due: its scheduled time, or later while the breaker is open. */
export const pollDueAt = (entry: ScheduleFacts): number =>
  Math.max(entry.nextPollAt?.getTime() ?? 0, entry.breakerUntil?.getTime() ?? 0);

/**
 * Polls overdue by more than `graceMs` at `now` (a worker ticks every few seconds, so a poll a
 * little late is normal), and the oldest due time among them.
 */
export function overduePolls(
  entries: readonly ScheduleFacts[],
  now: number,
  graceMs: number,
): { count: number; oldestDueAt: number | null } {
  let count = 0;
  let oldestDueAt: number | null = null;
  for (const entry of entries) {
    if (!entry.nextPollAt || waitsForNewCredentials(entry)) continue;
    const due = pollDueAt(entry);
    if (now - due <= graceMs) continue;
    count++;
    oldestDueAt = oldestDueAt === null ? due : Math.min(oldestDueAt, due);
  }
  return { count, oldestDueAt };
}

/** A poll worker writes its heartbeat this often. */
export const WORKER_BEAT_MS = 5_000;
/** A worker silent this long is down (six missed beats: a busy machine can delay a few). */
export const WORKER_SILENT_MS = 6 * WORKER_BEAT_MS;

export const workerAlive = (beatAt: Date, now: number): boolean => now - beatAt.getTime() <= WORKER_SILENT_MS;

/** Polls overdue by more than this are "behind" (a minute: well past a tick or two of delay). */
export const OVERDUE_GRACE_MS = 60_000;

export type PollerState = "ok" | "behind" | "down";

/** Down: no worker beats. Behind: workers beat, but polls stay overdue past the grace. */
export function pollingState(aliveWorkers: number, overdue: number): PollerState {
  if (aliveWorkers === 0) return "down";
  return overdue > 0 ? "behind" : "ok";
}
