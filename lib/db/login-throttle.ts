// Sign-in throttling per account and per client address, kept in the database so a restart
// does not lift a lockout and every instance sees the same counts.
import { db } from "./client";

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const accountRule: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const addressRule: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** The moment the first locked key unlocks, or null when every key may try now. */
export async function lockedUntil(keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
  const times = rows.map((r) => r.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function recordLoginFailure(key: string, rule: ThrottleRule, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.windowStart.getTime() > rule.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const lock = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : (row?.lockedUntil ?? null);
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
