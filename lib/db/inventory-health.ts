// SourceHealth: the poll lease, the schedule and each source's poll health. The lease is taken
// with one conditional UPDATE, which PostgreSQL re-checks under the row lock and SQLite runs
// under its single writer, so two instances can never both hold it. What every poll runs is raw
// SQL (lib/db/raw-sql.ts says why).
import type { Db, Tx } from "./client";
import { recordAudit, type Actor, type AuditEntry } from "./audit";
import { Prisma, type SourceHealth } from "./generated/sqlite/client";
import type { HealthRecord, HealthStatus, HealthUpdate, PollRow } from "./inventory-types";
import { rawBatch, rawExecute, rawQuery } from "./raw-run";
import { insertSql, updateSql } from "./raw-sql";

export async function readHealth(db: Db, sourceId: string): Promise<HealthRecord | null> {
  const [row] = await rawQuery<SourceHealth>(
    db,
    Prisma.sql`SELECT * FROM "SourceHealth" WHERE "sourceId" = ${sourceId}`,
  );
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
  const { now } = request;
  const due = request.dueOnly ? Prisma.sql`AND ("nextPollAt" IS NULL OR "nextPollAt" <= ${now})` : Prisma.empty;
  const take = () =>
    rawExecute(
      db,
      updateSql(
        "SourceHealth",
        { leaseHolder: request.instanceId, leaseExpiresAt: request.until },
        Prisma.sql`"sourceId" = ${sourceId}
          AND ("leaseHolder" IS NULL OR "leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${now}) ${due}`,
      ),
    );
  if ((await take()) === 1) return true;
  await ensureHealthRow(db, sourceId);
  return (await take()) === 1;
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
  // Statements, not an interactive transaction: a poll with no audit row (every scheduled one) is
  // one batch. The health alone where the lease is not ours (it ran out and was taken meanwhile,
  // or is free), then the health and the lease's release in one statement where it is: exactly
  // one of the two applies, since the first leaves the lease as it was.
  const statements = [
    ...(poll ? [insertSql("Poll", { ...poll, sourceId })] : []),
    ...(Object.values(health).some((value) => value !== undefined)
      ? [
          updateSql(
            "SourceHealth",
            health,
            Prisma.sql`"sourceId" = ${sourceId} AND ("leaseHolder" IS NULL OR "leaseHolder" <> ${instanceId})`,
          ),
        ]
      : []),
    updateSql(
      "SourceHealth",
      { ...health, leaseHolder: null, leaseExpiresAt: null },
      Prisma.sql`"sourceId" = ${sourceId} AND "leaseHolder" = ${instanceId}`,
    ),
  ];
  if (!audit) {
    await rawBatch(db, statements);
    return;
  }
  await db.$transaction(async (tx: Tx) => {
    for (const statement of statements) await tx.$executeRaw(statement);
    await recordAudit(tx, audit.who, audit.entry);
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
