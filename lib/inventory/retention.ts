// How long history is kept, and the pruning that enforces it in small batches: change events and
// router events 90 days, the per-poll aggregates behind the trend charts two years.
import { createInventoryStore, type InventoryStore, type PruneResult } from "@/lib/db/inventory-store";

export const CHANGE_EVENT_RETENTION_DAYS = 90;
export const POLL_RETENTION_DAYS = 730;
const DAY_MS = 86_400_000;

export interface PruneOptions {
  now?: Date;
  changeEventDays?: number;
  pollDays?: number;
  /** Rows deleted per statement. */
  batchSize?: number;
  store?: InventoryStore;
}

export async function pruneHistory(options: PruneOptions = {}): Promise<PruneResult> {
  const now = (options.now ?? new Date()).getTime();
  const store = options.store ?? createInventoryStore();
  return store.pruneHistory({
    changesBefore: new Date(now - (options.changeEventDays ?? CHANGE_EVENT_RETENTION_DAYS) * DAY_MS),
    pollsBefore: new Date(now - (options.pollDays ?? POLL_RETENTION_DAYS) * DAY_MS),
    batchSize: options.batchSize ?? 5_000,
  });
}
