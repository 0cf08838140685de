// The queue between the web process and the poll workers: a person's request (poll now, refresh a
// phone, the demo WAN switch, sites worked out again) is a row; one worker claims it atomically,
// runs it and writes the result the caller waits for or follows.
import { db } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { rawQuery } from "./raw-run";

export type WorkStatus = "pending" | "running" | "done" | "failed";

export interface WorkRequestRow {
  id: string;
  kind: string;
  input: string;
  actor: string;
  status: string;
  result: string | null;
  progress: string | null;
  claimedBy: string | null;
  createdAt: Date;
  claimedAt: Date | null;
  finishedAt: Date | null;
}

export function createWorkRequest(data: { kind: string; input: string; actor: string }): Promise<WorkRequestRow> {
  return db().workRequest.create({ data });
}

export function getWorkRequest(id: string): Promise<WorkRequestRow | null> {
  return db().workRequest.findUnique({ where: { id } });
}

export function latestWorkRequest(kind: string): Promise<WorkRequestRow | null> {
  return db().workRequest.findFirst({ where: { kind }, orderBy: { createdAt: "desc" } });
}

/**
 * The oldest pending request, claimed by `workerId`; null when none is waiting. The claim is a
 * conditional update, so of two workers reaching for the same row exactly one gets it.
 */
export async function claimWorkRequest(workerId: string, at: Date): Promise<WorkRequestRow | null> {
  // Each pass tries the oldest few in order: a row another worker took is skipped, not retried, and
  // every pass that finds rows but claims none means others claimed them, so the queue shrinks.
  for (;;) {
    // Raw: every worker reads this five times a second while idle (raw-run.ts says why).
    const waiting = await rawQuery<{ id: string }>(
      db(),
      Prisma.sql`SELECT "id" FROM "WorkRequest" WHERE "status" = 'pending' ORDER BY "createdAt" ASC LIMIT 10`,
    );
    if (waiting.length === 0) return null;
    for (const { id } of waiting) if (await claimThis(id, workerId, at)) return getWorkRequest(id);
  }
}

/** Claims one given row (a request this process runs itself). */
export async function claimThis(id: string, workerId: string, at: Date): Promise<boolean> {
  const claimed = await db().workRequest.updateMany({
    where: { id, status: "pending" },
    data: { status: "running", claimedBy: workerId, claimedAt: at },
  });
  return claimed.count === 1;
}

export async function finishWorkRequest(
  id: string,
  outcome: { status: "done" | "failed"; result: string },
  at: Date,
): Promise<void> {
  await db().workRequest.update({ where: { id }, data: { ...outcome, finishedAt: at } });
}

export async function reportWorkProgress(id: string, progress: string): Promise<void> {
  await db().workRequest.updateMany({ where: { id, status: "running" }, data: { progress } });
}

/** Requests claimed by workers that are gone: idempotent kinds go back to the queue, the rest fail. */
export async function releaseOrphanedWork(
  liveWorkers: readonly string[],
  requeueKinds: readonly string[],
  failure: string,
  at: Date,
): Promise<number> {
  const orphaned = { status: "running", claimedBy: { notIn: [...liveWorkers] } };
  const requeued = await db().workRequest.updateMany({
    where: { ...orphaned, kind: { in: [...requeueKinds] } },
    data: { status: "pending", claimedBy: null, claimedAt: null, progress: null },
  });
  const failed = await db().workRequest.updateMany({
    where: orphaned,
    data: { status: "failed", result: failure, finishedAt: at },
  });
  return requeued.count + failed.count;
}

/** Fails pending requests nobody claimed in time (no worker ran), so they never run as a surprise later. */
export async function expireWaitingWork(
  olderThan: Date,
  failure: string,
  at: Date,
  /** Kinds that wait for a worker however long it takes (they are safe to run late). */
  waitingKinds: readonly string[],
): Promise<number> {
  const expired = await db().workRequest.updateMany({
    where: { status: "pending", createdAt: { lt: olderThan }, kind: { notIn: [...waitingKinds] } },
    data: { status: "failed", result: failure, finishedAt: at },
  });
  return expired.count;
}

/** Finished requests are kept a while for the audit of what happened, then dropped. */
export async function pruneWorkRequests(finishedBefore: Date): Promise<number> {
  const pruned = await db().workRequest.deleteMany({ where: { finishedAt: { lt: finishedBefore } } });
  return pruned.count;
}
