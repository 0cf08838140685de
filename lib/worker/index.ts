// The poll worker: the scheduler (polls, storage of changes, effective states, site outages,
// alerts, pruning), the requests people send it through the database, its heartbeat and the demo
// fleet. `npm start` runs it as a process of its own beside the web server (lib/cli worker);
// with LINEWATCH_WORKER=inline the web process runs it itself.
import { currentKey } from "@/lib/secrets/source-passwords";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { removeDemoSources } from "@/lib/db/demo-sources";
import { startDemoFleet } from "@/lib/server/demo/fleet";
import { forgetRunningDemo, holdRunningDemo } from "@/lib/server/demo/running";
import { registerDemoStop, stopDemoIfUnused } from "@/lib/server/demo/stop";
import { startScheduler, type SchedulerOptions } from "@/lib/inventory";
import { defaultInstanceId } from "@/lib/inventory/instance";
import { ensureDefaultAlertRules } from "@/lib/alerts/defaults";
import { createSummaryKeeper } from "@/lib/inventory/summary";
import { startTrendSampler } from "@/lib/inventory/trend-sampler";
import { startRequestLoop } from "./requests";
import { startHeartbeat } from "./heartbeat";

export interface WorkerOptions {
  id?: string;
  /** Run the demo fleet when no real source exists (default: LINEWATCH_DEMO). */
  demo?: boolean;
  scheduler?: Omit<SchedulerOptions, "instanceId">;
  now?: () => number;
}

export interface PollWorker {
  id: string;
  /** Stops taking requests and polls, waits for those running, and removes the heartbeat. */
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions = {}): Promise<PollWorker> {
  const id = options.id ?? defaultInstanceId();
  const now = options.now ?? Date.now;
  currentKey({ create: true });
  const demo =
    (options.demo ?? env().demo)
      ? await startDemoFleet().catch((error: unknown) => {
          log.error("the demo fleet did not start", { error: String(error) });
          return null;
        })
      : null;
  holdRunningDemo(Promise.resolve(demo));
  if (!env().demo) {
    const removed = await removeDemoSources("LINEWATCH_DEMO=0");
    if (removed) log.info("demo sources removed (LINEWATCH_DEMO=0)", { removed });
  }
  if (demo)
    registerDemoStop(async () => {
      forgetRunningDemo();
      await demo.stop();
    });
  // The default alert rules, once per installation (lib/db/alerts.ts remembers it).
  await ensureDefaultAlertRules().catch((error: unknown) =>
    log.error("default alert rules not created", { error: String(error) }),
  );

  // The overview's counts, kept up to date here so the web does not recount the fleet per request.
  const counts = createSummaryKeeper();
  counts.changed();
  const scheduler = startScheduler({
    ...options.scheduler,
    instanceId: id,
    onPoll: (summary) => {
      if (summary.status === "failed") log.warn("poll failed", { ...summary });
      if (summary.changed > 0) counts.changed();
      options.scheduler?.onPoll?.(summary);
    },
    // Sources added, removed or disabled from the web, or turned stale, show once a minute at most.
    afterFreshness: () => counts.changed(),
  });
  // The registration trend, sampled every 5 minutes from the kept counts.
  const trend = startTrendSampler({ now });
  const heartbeat = startHeartbeat({
    id,
    now,
    polling: () => scheduler.polling(),
    // The web removes demo sources (a first real source replaces them): the simulators stop here.
    onBeat: () => stopDemoIfUnused(),
  });
  const requests = startRequestLoop({
    id,
    now,
    // A poll now, a refresh, a WAN switch or new sites may have moved counts; the heartbeat carries the WAN state.
    beforeFinish: () => {
      counts.changed();
      return heartbeat.beatNow();
    },
  });
  log.info("poll worker started", { worker: id, demo: demo !== null });

  return {
    id,
    async stop() {
      await requests.stop();
      await scheduler.stop();
      await trend.stop();
      await counts.stop();
      await heartbeat.stop();
      forgetRunningDemo();
      await demo?.stop().catch(() => undefined);
      log.info("poll worker stopped", { worker: id });
    },
  };
}
