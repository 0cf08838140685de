// Browser sessions, one row per sign-in: the JWT carries the row's id, so sign-out and an idle
// timeout end a session on the server, not just in the browser that holds the cookie.
import { db } from "./client";
import { log } from "@/lib/log";

/** lastSeenAt moves at most this often: every request writing would turn reads into writes. */
export const SEEN_GRANULARITY_MS = 60_000;

export async function startSession(userId: string, now = new Date()): Promise<string> {
  const row = await db().userSession.create({
    data: { userId, createdAt: now, lastSeenAt: now },
    select: { id: true },
  });
  return row.id;
}

/**
 * True when the session is live for this user; an idle one is ended here and refused, as is one
 * older than `maxAgeMs` (directory users: their groups are read again at the next sign-in).
 */
export async function touchSession(
  id: string,
  userId: string,
  idleMs: number,
  now = new Date(),
  maxAgeMs = Number.POSITIVE_INFINITY,
): Promise<boolean> {
  const row = await db().userSession.findUnique({
    where: { id },
    select: { userId: true, createdAt: true, lastSeenAt: true, endedAt: true },
  });
  if (!row || row.userId !== userId || row.endedAt) return false;
  const idle = now.getTime() - row.lastSeenAt.getTime();
  // Both writes are bookkeeping: a database that cannot take a write now (SQLite's write lock held
  // past its busy timeout) must not fail the page. The session is refused all the same when it
  // timed out, and the next request writes what this one could not.
  const unrecorded = (error: unknown) =>
    log.warn("session activity not recorded", { error: error instanceof Error ? error.message : String(error) });
  if (idle >= idleMs || now.getTime() - row.createdAt.getTime() >= maxAgeMs) {
    await db()
      .userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } })
      .catch(unrecorded);
    return false;
  }
  if (idle > SEEN_GRANULARITY_MS)
    await db()
      .userSession.updateMany({ where: { id, endedAt: null }, data: { lastSeenAt: now } })
      .catch(unrecorded);
  return true;
}

export async function endSession(id: string, now = new Date()): Promise<void> {
  await db().userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });
}
