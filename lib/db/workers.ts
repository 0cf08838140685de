// Poll workers' heartbeats: each running worker upserts its row every tick and deletes it when it
// stops cleanly; the web reads them to show a worker that is down or behind.
import { db } from "./client";

export interface WorkerRow {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  beatAt: Date;
  polling: number;
  detail: string;
}

export async function recordWorkerBeat(row: WorkerRow): Promise<void> {
  const { id, ...rest } = row;
  await db().worker.upsert({ where: { id }, create: row, update: rest });
}

export function listWorkers(): Promise<WorkerRow[]> {
  return db().worker.findMany({ orderBy: { beatAt: "desc" } });
}

export async function removeWorker(id: string): Promise<void> {
  await db().worker.deleteMany({ where: { id } });
}

/** Rows of workers silent for long (killed, host gone) are dropped so the list stays true. */
export async function forgetSilentWorkers(silentSince: Date): Promise<number> {
  const gone = await db().worker.deleteMany({ where: { beatAt: { lt: silentSince } } });
  return gone.count;
}
