// Whether polling keeps up, as the web sees it from the database: the poll workers' heartbeats and
// the polls left overdue. The page banner, /metrics and /readyz read it.
import "server-only";
import { listWorkers } from "@/lib/db/workers";
import { createInventoryStore } from "@/lib/db/inventory-store";
import { OVERDUE_GRACE_MS, overduePolls, pollingState, workerAlive } from "@/lib/domain/poll-schedule";
import { env } from "@/lib/env";

export async function getPoller(now = Date.now()) {
  const [workers, schedule] = await Promise.all([listWorkers(), createInventoryStore().scheduleView()]);
  const alive = workers.filter((w) => workerAlive(w.beatAt, now));
  const overdue = overduePolls(schedule, now, OVERDUE_GRACE_MS);
  const lastBeat = workers.reduce<Date | null>((last, w) => (!last || w.beatAt > last ? w.beatAt : last), null);
  return {
    mode: env().worker,
    state: pollingState(alive.length, overdue.count),
    lastBeatAt: lastBeat?.toISOString() ?? null,
    overdue: {
      count: overdue.count,
      oldestDueAt: overdue.oldestDueAt === null ? null : new Date(overdue.oldestDueAt).toISOString(),
    },
    enabledSources: schedule.length,
    workers: workers.map((w) => ({
      id: w.id,
      host: w.host,
      pid: w.pid,
      startedAt: w.startedAt.toISOString(),
      beatAt: w.beatAt.toISOString(),
      polling: w.polling,
      alive: workerAlive(w.beatAt, now),
    })),
  };
}
