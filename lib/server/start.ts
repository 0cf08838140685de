// What the running server starts once, beside Next.js: the key that seals source passwords, the
// demo fleet when no real source exists, and the poll scheduler.
import { currentKey } from "@/lib/secrets/source-passwords";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { removeDemoSources } from "@/lib/db/demo-sources";
import { startDemoFleet, type DemoFleet } from "@/lib/server/demo/fleet";
import { startScheduler, type Scheduler } from "@/lib/inventory";
import { ensureDefaultAlertRules } from "@/lib/alerts/defaults";
import { installPeerStamp } from "@/lib/auth/peer-stamp";
import { registerDemoStop } from "@/lib/server/demo/stop";
import { forgetRunningDemo, holdRunningDemo } from "@/lib/server/demo/running";
import { installRouteLimiter, routeLimiter } from "@/lib/api/limits";

const holder = globalThis as unknown as { linewatchServer?: Promise<ServerParts> };

interface ServerParts {
  demo: DemoFleet | null;
  scheduler: Scheduler;
}

export function startServerParts(): Promise<ServerParts> {
  // Before the first request is served: client addresses come from the socket (issue 15 #1).
  installPeerStamp();
  // Poll now, refresh, tests and exports are limited in the running server (lib/api/limits.ts).
  if (!routeLimiter()) installRouteLimiter();
  holder.linewatchServer ??= start();
  return holder.linewatchServer;
}

async function start(): Promise<ServerParts> {
  currentKey({ create: true });
  const starting = env().demo
    ? startDemoFleet().catch((error: unknown) => {
        log.error("the demo fleet did not start", { error: String(error) });
        return null;
      })
    : Promise.resolve(null);
  holdRunningDemo(starting);
  const demo = await starting;
  if (!env().demo) {
    const removed = await removeDemoSources("LINEWATCH_DEMO=0");
    if (removed) log.info("demo sources removed (LINEWATCH_DEMO=0)", { removed });
  }
  const parts: ServerParts = { demo, scheduler: undefined as unknown as Scheduler };
  // Once the demo sources are gone the simulators stop, and the sites page no longer sees them.
  if (demo) {
    registerDemoStop(async () => {
      parts.demo = null;
      forgetRunningDemo();
      await demo.stop();
    });
  }
  // The default alert rules, once per installation (lib/db/alerts.ts remembers it).
  await ensureDefaultAlertRules().catch((error: unknown) =>
    log.error("default alert rules not created", { error: String(error) }),
  );
  let scheduler: Scheduler;
  try {
    scheduler = startScheduler({
      onPoll: (summary) => {
        if (summary.status === "failed") log.warn("poll failed", { ...summary });
      },
    });
  } catch (error) {
    // Without a scheduler the demo would sit unpolled behind a working WAN switch: stop it too.
    forgetRunningDemo();
    await demo?.stop().catch(() => undefined);
    throw error;
  }
  // No signal handlers of our own: Next.js owns shutdown, and a dead instance's leases expire.
  parts.scheduler = scheduler;
  return parts;
}
