// The worker's heartbeat: its row in the Worker table, written every few seconds with the polls it
// runs and the demo branch it serves; the web reads it to show a worker that is down or behind.
// Each beat also tidies what dead workers left: their rows, and the requests they had claimed.
import { hostname } from "node:os";
import { forgetSilentWorkers, listWorkers, recordWorkerBeat, removeWorker } from "@/lib/db/workers";
import { expireWaitingWork, pruneWorkRequests, releaseOrphanedWork } from "@/lib/db/work-requests";
import { WORKER_BEAT_MS, workerAlive } from "@/lib/domain/poll-schedule";
import { log } from "@/lib/log";
import { demoBranch, requeuedKinds } from "@/lib/services/work/kinds";

/** A dead worker's row is kept a day, so "down since" can be shown, then dropped. */
const FORGET_AFTER_MS = 86_400_000;
/** A request nobody claimed in this long fails: it must not run as a surprise hours later. */
const UNCLAIMED_FAILS_AFTER_MS = 3 * 60_000;
/** Finished requests are kept a week. */
const KEEP_FINISHED_MS = 7 * 86_400_000;
const TIDY_EVERY_MS = 3_600_000;

/**
 * A worker on this host whose process is gone: its requests are released at once rather than after
 * its heartbeat falls silent (`npm start` restarts a killed worker within seconds).
 */
function diedHere(worker: { host: string; pid: number; id: string }): boolean {
  if (worker.host !== hostname() || worker.pid === process.pid || worker.pid <= 0) return false;
  try {
    process.kill(worker.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export interface Heartbeat {
  /** Beats now (after any beat in progress); resolves when written. */
  beatNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startHeartbeat(options: {
  id: string;
  now: () => number;
  polling: () => number;
  onBeat?: () => Promise<unknown>;
  beatMs?: number;
}): Heartbeat {
  const startedAt = new Date(options.now());
  let lastTidy = -Infinity;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let beating: Promise<void> = Promise.resolve();

  async function beat(): Promise<void> {
    const at = options.now();
    await recordWorkerBeat({
      id: options.id,
      host: hostname(),
      pid: process.pid,
      startedAt,
      beatAt: new Date(at),
      polling: options.polling(),
      detail: JSON.stringify({ demo: await demoBranch() }),
    });
    const live = (await listWorkers()).filter((w) => workerAlive(w.beatAt, at) && !diedHere(w)).map((w) => w.id);
    const released = await releaseOrphanedWork(
      live,
      requeuedKinds,
      JSON.stringify({ code: "upstream_failed", message: "The poll worker stopped while doing this: try again." }),
      new Date(at),
    );
    if (released) log.warn("requests of a stopped worker released", { released });
    await expireWaitingWork(
      new Date(at - UNCLAIMED_FAILS_AFTER_MS),
      JSON.stringify({ code: "upstream_failed", message: "No poll worker took this up in time: try again." }),
      new Date(at),
      requeuedKinds,
    );
    // Old rows go hourly, not every beat: nothing reads them sooner.
    if (at - lastTidy >= TIDY_EVERY_MS) {
      lastTidy = at;
      await forgetSilentWorkers(new Date(at - FORGET_AFTER_MS));
      await pruneWorkRequests(new Date(at - KEEP_FINISHED_MS));
    }
    await options.onBeat?.();
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      beating = beating
        .then(beat)
        .catch((error: unknown) => log.warn("worker heartbeat failed", { error: String(error) }))
        .finally(() => schedule(options.beatMs ?? WORKER_BEAT_MS));
    }, ms);
    timer.unref?.();
  }
  schedule(0);

  return {
    beatNow() {
      const now = beating.then(beat);
      beating = now.catch((error: unknown) => log.warn("worker heartbeat failed", { error: String(error) }));
      return beating;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await beating;
      await removeWorker(options.id).catch(() => undefined);
    },
  };
}
