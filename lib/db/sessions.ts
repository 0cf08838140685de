// Browser sessions, one row per sign-in: the JWT carries the row's id, so sign-out and an idle
// timeout end a session on the server, not just in the browser that holds the cookie.
import { db } from "./client";

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
  if (idle >= idleMs || now.getTime() - row.createdAt.getTime() >= maxAgeMs) {
    await db().userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });
    return false;
  }
  if (idle > SEEN_GRANULARITY_MS)
    await db().userSession.updateMany({ where: { id, endedAt: null }, data: { lastSeenAt: now } });
  return true;
}

export async function endSession(id: string, now = new Date()): Promise<void> {
  await db().userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });
}
