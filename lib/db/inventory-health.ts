// SourceHealth: the poll lease, the schedule and each source's poll health. The lease is taken
// with one conditional updateMany, which PostgreSQL re-checks under the row lock and SQLite runs
// under its single writer, so two instances can never both hold it.
import type { Db } from "./client";
import { recordAudit, type Actor, type AuditEntry } from "./audit";
import type { HealthRecord, HealthStatus, HealthUpdate, PollRow } from "./inventory-types";

export async function readHealth(db: Db, sourceId: string): Promise<HealthRecord | null> {
  const row = await db.sourceHealth.findUnique({ where: { sourceId } });
  return row ? { ...row, status: row.status as HealthStatus } : null;
}

/** Sources created outside createSource may lack their health row; polling creates it. */
async function ensureHealthRow(db: Db, sourceId: string): Promise<void> {
  if (await db.sourceHealth.findUnique({ where: { sourceId }, select: { sourceId: true } })) return;
  try {
    await db.sourceHealth.create({ data: { sourceId } });
  } catch {
    // Another instance created it first: fine.
  }
}

export interface LeaseRequest {
  instanceId: string;
  now: Date;
  until: Date;
  /** Scheduled polls also require the source to be due, so a poll that just finished elsewhere is not repeated. */
  dueOnly: boolean;
}

/**
 * Takes the source's poll lease when it is free or expired. Not when this instance holds it: that
 * is a poll already running here (the scheduler's, while someone asks to poll now).
 */
export async function acquireLease(db: Db, sourceId: string, request: LeaseRequest): Promise<boolean> {
  const where = {
    sourceId,
    OR: [{ leaseHolder: null }, { leaseExpiresAt: null }, { leaseExpiresAt: { lt: request.now } }],
    ...(request.dueOnly ? { AND: [{ OR: [{ nextPollAt: null }, { nextPollAt: { lte: request.now } }] }] } : {}),
  };
  const data = { leaseHolder: request.instanceId, leaseExpiresAt: request.until };
  const { count } = await db.sourceHealth.updateMany({ where, data });
  if (count === 1) return true;
  await ensureHealthRow(db, sourceId);
  return (await db.sourceHealth.updateMany({ where, data })).count === 1;
}

/** Extends our lease; false when it is no longer ours (it expired and another instance took it). */
export async function renewLease(db: Db, sourceId: string, instanceId: string, until: Date): Promise<boolean> {
  const { count } = await db.sourceHealth.updateMany({
    where: { sourceId, leaseHolder: instanceId },
    data: { leaseExpiresAt: until },
  });
  return count === 1;
}

export async function releaseLease(db: Db, sourceId: string, instanceId: string): Promise<void> {
  await db.sourceHealth.updateMany({
    where: { sourceId, leaseHolder: instanceId },
    data: { leaseHolder: null, leaseExpiresAt: null },
  });
}

/**
 * Records a finished poll in one transaction: its Poll row, the health update, the release of
 * our lease and, for a poll someone asked for, the audit row.
 */
export async function finishPoll(
  db: Db,
  options: {
    sourceId: string;
    instanceId: string;
    poll: PollRow | null;
    health: HealthUpdate;
    audit?: { who: Actor; entry: AuditEntry };
  },
): Promise<void> {
  const { sourceId, instanceId, poll, health, audit } = options;
  await db.$transaction(async (tx) => {
    if (poll) await tx.poll.create({ data: { ...poll, sourceId }, select: { id: true } });
    // The health and the lease's release in one statement while the lease is ours (as it is but
    // for a lease that ran out and was taken meanwhile); else the health alone.
    const released = { ...health, leaseHolder: null, leaseExpiresAt: null };
    const { count } = await tx.sourceHealth.updateMany({
      where: { sourceId, leaseHolder: instanceId },
      data: released,
    });
    if (count === 0) await tx.sourceHealth.update({ where: { sourceId }, data: health, select: { sourceId: true } });
    if (audit) await recordAudit(tx, audit.who, audit.entry);
  });
}

/** Sets the first poll time of a source that has none (only if still none: instances agree). */
export async function scheduleFirstPoll(db: Db, sourceId: string, at: Date): Promise<void> {
  await db.sourceHealth.updateMany({ where: { sourceId, nextPollAt: null }, data: { nextPollAt: at } });
}

/** Moves an overdue poll (after downtime) to `at`, only if nobody moved it meanwhile. */
export async function reschedulePoll(db: Db, sourceId: string, from: Date, at: Date): Promise<void> {
  await db.sourceHealth.updateMany({ where: { sourceId, nextPollAt: from }, data: { nextPollAt: at } });
}

/** Clears an auth-failed hold and the breaker: someone asked for a poll now. */
export async function clearHolds(db: Db, sourceId: string): Promise<void> {
  await db.sourceHealth.updateMany({ where: { sourceId }, data: { authFailedVersion: null, breakerUntil: null } });
}

/** What the scheduler needs of every enabled source, in one query. */
export interface ScheduleEntry {
  id: string;
  name: string;
  pollIntervalS: number;
  settingsVersion: number;
  nextPollAt: Date | null;
  breakerUntil: Date | null;
  authFailedVersion: number | null;
  leaseHolder: string | null;
  leaseExpiresAt: Date | null;
  hasHealth: boolean;
}

export async function scheduleView(db: Db): Promise<ScheduleEntry[]> {
  const rows = await db.source.findMany({
    where: { enabled: true },
    select: {
      id: true,
      name: true,
      pollIntervalS: true,
      settingsVersion: true,
      health: {
        select: {
          nextPollAt: true,
          breakerUntil: true,
          authFailedVersion: true,
          leaseHolder: true,
          leaseExpiresAt: true,
        },
      },
    },
    orderBy: { name: "asc" },
  });
  return rows.map(({ health, ...source }) => ({
    ...source,
    nextPollAt: health?.nextPollAt ?? null,
    breakerUntil: health?.breakerUntil ?? null,
    authFailedVersion: health?.authFailedVersion ?? null,
    leaseHolder: health?.leaseHolder ?? null,
    leaseExpiresAt: health?.leaseExpiresAt ?? null,
    hasHealth: health !== null,
  }));
}

export async function createHealthRow(db: Db, sourceId: string): Promise<void> {
  await ensureHealthRow(db, sourceId);
}
