// Keeps a poll's lease alive while the poll runs. If a renewal finds the lease gone (this
// instance stalled past its expiry and another took over), the poll is stopped: two instances
// must never write the same source's poll at once.
import type { InventoryStore } from "@/lib/db/inventory-store";

export class LeaseLost extends Error {
  constructor() {
    super("the poll lease was taken over by another instance");
    this.name = "LeaseLost";
  }
}

export interface LeaseKeeper {
  stop(): void;
}

export function keepLease(
  store: InventoryStore,
  options: { sourceId: string; instanceId: string; leaseMs: number; clock: () => number; onLost: () => void },
): LeaseKeeper {
  let stopped = false;
  const renew = async () => {
    if (stopped) return;
    const held = await store
      .renewLease(options.sourceId, options.instanceId, new Date(options.clock() + options.leaseMs))
      .catch(() => true); // a database hiccup is not a lost lease
    if (!held && !stopped) options.onLost();
  };
  const timer = setInterval(() => void renew(), Math.max(50, Math.floor(options.leaseMs / 3)));
  timer.unref?.();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
