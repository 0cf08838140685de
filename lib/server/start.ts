// What the running server starts once, beside Next.js: the key that seals source passwords, the
// demo fleet when no real source exists, and the poll scheduler.
import { currentKey } from "@/lib/sources/secret-box";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { removeDemoSources } from "@/lib/db/demo-sources";
import { startDemoFleet, type DemoFleet } from "@/lib/demo/fleet";
import { startScheduler, type Scheduler } from "@/lib/inventory";

const holder = globalThis as unknown as { linewatchServer?: Promise<ServerParts> };

interface ServerParts {
  demo: DemoFleet | null;
  scheduler: Scheduler;
}

/** The demo fleet this server runs, or null (no demo, or the server parts did not start here). */
export async function runningDemoFleet(): Promise<DemoFleet | null> {
  const parts = holder.linewatchServer;
  return parts ? (await parts.catch(() => null))?.demo ?? null : null;
}

export function startServerParts(): Promise<ServerParts> {
  holder.linewatchServer ??= start();
  return holder.linewatchServer;
}

async function start(): Promise<ServerParts> {
  currentKey({ create: true });
  let demo: DemoFleet | null = null;
  if (env().demo) {
    demo = await startDemoFleet().catch((error: unknown) => {
      log.error("the demo fleet did not start", { error: String(error) });
      return null;
    });
  } else {
    const removed = await removeDemoSources("LINEWATCH_DEMO=0");
    if (removed) log.info("demo sources removed (LINEWATCH_DEMO=0)", { removed });
  }
  const scheduler = startScheduler({
    onPoll: (summary) => {
      if (summary.status === "failed") log.warn("poll failed", { ...summary });
    },
  });
  // No signal handlers of our own: Next.js owns shutdown, and a dead instance's leases expire.
  return { demo, scheduler };
}
