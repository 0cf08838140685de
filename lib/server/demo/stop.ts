// Stops the demo simulators once their sources are gone (the first real source replaces them, or
// an admin removed them): left running, they would keep listening on loopback for nothing.
import { countDemoSources } from "@/lib/db/demo-sources";
import { log } from "@/lib/log";

// On globalThis: Next.js may load this module once per bundle, and the server registers once.
const slot = globalThis as unknown as { linewatchDemoStop?: () => Promise<void> };

/** The server registers how to stop the fleet it started (lib/server/start.ts). */
export function registerDemoStop(stop: (() => Promise<void>) | undefined): void {
  slot.linewatchDemoStop = stop;
}

/** After a source is added or removed: stops the demo fleet when no demo source is left. */
export async function stopDemoIfUnused(): Promise<boolean> {
  const stop = slot.linewatchDemoStop;
  if (!stop || (await countDemoSources()) > 0) return false;
  slot.linewatchDemoStop = undefined;
  await stop().catch((error: unknown) =>
    log.warn("the demo simulators did not stop cleanly", { error: String(error) }),
  );
  log.info("demo simulators stopped: no demo source is left");
  return true;
}
