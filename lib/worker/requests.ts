// The worker's side of the request queue: it claims pending rows (one claim per row across all
// workers), runs a few at once so a slow "poll now" does not hold up a WAN switch, and writes
// each outcome (lib/services/work).
import { claimWorkRequest } from "@/lib/db/work-requests";
import { log } from "@/lib/log";
import { runClaimed } from "@/lib/services/work/queue";

/** Requests run at once in one worker. */
const AT_ONCE = 4;
/** How often the queue is read while idle: the delay a person's click can wait for a worker. */
const IDLE_READ_MS = 200;

export interface RequestLoop {
  stop(): Promise<void>;
}

export function startRequestLoop(options: {
  id: string;
  now: () => number;
  /** Before a request's outcome is written: the heartbeat, so what the caller reads next is current. */
  beforeFinish?: () => Promise<unknown>;
  readEveryMs?: number;
}): RequestLoop {
  const running = new Set<Promise<void>>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading: Promise<void> = Promise.resolve();

  async function read(): Promise<void> {
    while (!stopped && running.size < AT_ONCE) {
      const row = await claimWorkRequest(options.id, new Date(options.now()));
      if (!row) return;
      const job = runClaimed(row, options.now, options.beforeFinish).finally(() => {
        running.delete(job);
        wake(0);
      });
      running.add(job);
    }
  }

  function wake(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      reading = reading
        .then(read)
        .catch((error: unknown) => log.warn("reading worker requests failed", { error: String(error) }))
        .finally(() => wake(options.readEveryMs ?? IDLE_READ_MS));
    }, ms);
    timer.unref?.();
  }
  wake(0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await reading;
      await Promise.allSettled([...running]);
    },
  };
}
