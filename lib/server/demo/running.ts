// The demo fleet this server process runs, if any: start-up holds it here while it starts, and the
// services that switch it (the branch WAN) find it here, without reaching up into start-up.
import type { DemoFleet } from "./fleet";

const holder = globalThis as unknown as { linewatchDemo?: Promise<DemoFleet | null> };

export function holdRunningDemo(demo: Promise<DemoFleet | null>): void {
  holder.linewatchDemo = demo.catch(() => null);
}

/** Once its sources are gone the simulators stop, and the sites page no longer sees them. */
export function forgetRunningDemo(): void {
  holder.linewatchDemo = Promise.resolve(null);
}

/** The running demo fleet, or null (no demo, or the server parts did not start in this process). */
export async function runningDemoFleet(): Promise<DemoFleet | null> {
  return holder.linewatchDemo ? await holder.linewatchDemo : null;
}
