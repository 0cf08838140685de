// Throttling of password checks (sign-in, the current password of a password change) per account
// and per client address, kept in the database so a restart does not lift it and every instance
// sees the same counts. Past a few free failures each one doubles the wait, up to a ceiling.
import { db } from "./client";

export interface ThrottleRule {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this (counted from the first of the run) are forgotten. */
  windowMs: number;
}

/** Growing delays per account, so a guesser slows to a crawl but the owner is never locked for long. */
export const accountRule: ThrottleRule = {
  freeFailures: 3,
  firstDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
};
/** One address trying many accounts: a hard stop after 20 failures. */
export const addressRule: ThrottleRule = {
  freeFailures: 19,
  firstDelayMs: 15 * 60_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

/** The wait after `failures` failures in a row under `rule` (0 while they are free). */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  const past = failures - rule.freeFailures;
  if (past <= 0) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(past - 1, 30));
}

/** The moment the first locked key unlocks, or null when every key may try now. */
export async function lockedUntil(keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db().loginThrottle.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const times = rows.map((r) => r.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function recordLoginFailure(key: string, rule: ThrottleRule, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.windowStart.getTime() > rule.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const delay = delayAfter(failures, rule);
    const lock = delay > 0 ? new Date(now.getTime() + delay) : fresh ? null : (row?.lockedUntil ?? null);
    await tx.loginThrottle.upsert({
      where: { key },
      create: { key, failures, windowStart: now, lockedUntil: lock },
      update: { failures, windowStart: fresh ? now : row!.windowStart, lockedUntil: lock },
    });
  });
}

export async function clearLoginFailures(key: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key } });
}
