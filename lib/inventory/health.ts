// How a poll's failure reads as source health, and the breaker's backoff. Pure, so the poller and
// the scheduler agree; staleness is lib/domain/staleness.ts.
import type { HealthStatus } from "@/lib/domain/health";
import { RateLimited, isSoapError } from "@/lib/soap";
import type { PollProblem } from "./snapshot";

/** A poll that got no usable data, with the reason in plain words. */
export class PollFailure extends Error {
  constructor(
    readonly kind: string,
    readonly userMessage: string,
    readonly options: { requests?: number; retryAfterMs?: number } = {},
  ) {
    super(userMessage);
    this.name = "PollFailure";
  }
}

export function failureOf(error: unknown): PollFailure {
  if (error instanceof PollFailure) return error;
  if (isSoapError(error))
    return new PollFailure(error.kind, error.userMessage, {
      retryAfterMs: error instanceof RateLimited ? error.retryAfterMs : undefined,
    });
  return new PollFailure("internal", "Linewatch could not finish this poll because of an internal error.");
}

/** The health a failed poll leaves: refused credentials, a spent budget, or a source Linewatch cannot use. */
export function failedHealth(kind: string): HealthStatus | null {
  if (kind === "auth") return "auth-failed";
  if (kind === "rate-limited") return "rate-limited";
  // Our own fault says nothing about the source: its status stays as it was.
  if (kind === "internal") return null;
  return "unreachable";
}

/** A poll that read data but not all of it: a spent budget reads as rate-limited, anything else as degraded. */
export function partialHealth(problems: readonly PollProblem[]): HealthStatus {
  return problems.some((p) => p.kind === "rate-limited") ? "rate-limited" : "degraded";
}

export const BREAKER_CAP_MS = 30 * 60_000;
const BREAKER_JITTER = 0.2;

/**
 * How long an unreachable source rests after `failures` failed polls in a row: the poll
 * interval x 2^failures, capped at 30 minutes (or the interval, if longer), ±20% so many sources
 * that failed together do not come back together. Then it is probed once.
 */
export function breakerDelayMs(failures: number, intervalMs: number, random: () => number = Math.random): number {
  const cap = Math.max(BREAKER_CAP_MS, intervalMs);
  const base = Math.min(intervalMs * 2 ** Math.min(failures, 20), cap);
  return Math.round(base * (1 + (random() * 2 - 1) * BREAKER_JITTER));
}

/** The next scheduled poll: one interval after this one started, ±jitter, never right after a long poll. */
export function nextPollTime(
  startedAt: number,
  finishedAt: number,
  intervalMs: number,
  jitter: number,
  random: () => number = Math.random,
): number {
  const planned = startedAt + intervalMs * (1 + (random() * 2 - 1) * jitter);
  return Math.round(Math.max(planned, finishedAt + Math.min(intervalMs / 4, 60_000)));
}
