// Where a cluster sweep's memory lives between polls. In full it holds every device record per
// node (tens of MB for 40,000 devices), so the database keeps a compact copy (batches and probe
// slices, no records, gzip) and this process keeps the full one under a token. A poll whose token
// matches reuses StateInfo; any other instance or a restart starts from the compact copy, which
// costs full replies once, never extra requests.
import { randomUUID } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { sweepMemorySchema, type SweepMemory } from "@/lib/risport/sweep/memory";

const full = new Map<string, { token: string; memory: SweepMemory }>();
const PREFIX = "gz1:";

function compact(memory: SweepMemory): SweepMemory {
  // Without records, StateInfo must go too: a NoChange answer would otherwise read as "no devices".
  return { ...memory, batches: memory.batches.map((batch) => ({ ...batch, stateInfo: "", records: [] })) };
}

function decode(text: unknown): SweepMemory | undefined {
  if (typeof text !== "string" || !text.startsWith(PREFIX)) return undefined;
  try {
    const parsed = sweepMemorySchema.safeParse(
      JSON.parse(gunzipSync(Buffer.from(text.slice(PREFIX.length), "base64")).toString("utf8")),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // unreadable: the next sweep discovers the cluster again
  }
}

/** The memory the next sweep starts from: this process's full copy if it is the latest, else the stored compact one. */
export function loadSweepMemory(sourceId: string, stored: Record<string, unknown>): SweepMemory | undefined {
  const cached = full.get(sourceId);
  if (cached && cached.token === stored.sweepToken) return cached.memory;
  return decode(stored.sweep);
}

/** Keeps the full memory here and returns what SourceHealth.memory stores. */
export function saveSweepMemory(sourceId: string, memory: SweepMemory): { sweepToken: string; sweep: string } {
  const token = randomUUID();
  full.set(sourceId, { token, memory });
  return { sweepToken: token, sweep: PREFIX + gzipSync(JSON.stringify(compact(memory))).toString("base64") };
}

/** Drops this process's copy (tests standing in for a restart). */
export function forgetSweepMemory(sourceId?: string): void {
  if (sourceId === undefined) full.clear();
  else full.delete(sourceId);
}
