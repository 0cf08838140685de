// What a cluster sweep remembers between runs: plain JSON the database layer stores and hands
// back, checked with this schema on the way in. Losing it only costs one discovery sweep.
import { z } from "zod";
import { clusterDeviceSchema } from "../types";

/** A query every sweep repeats, with the StateInfo and per-node records of its last full answer. */
export const sweepBatchSchema = z.object({
  /** selectCmDeviceExt for name batches (one record per device); selectCmDevice for wildcard slices. */
  method: z.enum(["selectCmDevice", "selectCmDeviceExt"]),
  /** Device names, or a slice of the name space (`SEP0*`, exact names; `*` when one reply holds the cluster). */
  items: z.array(z.string()),
  stateInfo: z.string(),
  /** Records as each node last reported them; a NoChange node keeps its share. */
  records: z.array(clusterDeviceSchema),
});

/** A slice of the name space (wildcards and exact names), probed in turn for new devices. */
export const sweepGroupSchema = z.object({
  /** Empty for every node. */
  nodeName: z.string(),
  items: z.array(z.string()),
  /** Records the slice held when last read in full. */
  records: z.number(),
});

export const sweepMemorySchema = z.object({
  version: z.literal(1),
  replyCap: z.number().int().positive(),
  batches: z.array(sweepBatchSchema),
  groups: z.array(sweepGroupSchema),
  /** Next group to probe. */
  probeCursor: z.number().int().nonnegative(),
  /** Upper-cased device name -> the name as CUCM spells it, and complete sweeps in a row that did not find it. */
  missing: z.record(z.string(), z.object({ name: z.string(), sweeps: z.number().int().positive() })),
  sweeps: z.number().int().nonnegative(),
  /**
   * How the cluster matches names, learned by the discovery that made the plan: "folded" (regardless
   * of case) or "exact". Absent in memories from before it was learned: those start over once.
   */
  nameCase: z.enum(["folded", "exact"]).optional(),
  /**
   * The batches are the cluster's configured names (AXL), not a plan a discovery made: a sweep
   * without those names cannot find new devices with them, so it starts over.
   */
  configuredNames: z.boolean().optional(),
});

export type SweepBatch = z.infer<typeof sweepBatchSchema>;
export type SweepGroup = z.infer<typeof sweepGroupSchema>;
export type SweepMemory = z.infer<typeof sweepMemorySchema>;

export function emptySweepMemory(replyCap: number): SweepMemory {
  return { version: 1, replyCap, batches: [], groups: [], probeCursor: 0, missing: {}, sweeps: 0 };
}

/** Every device name the memory knows, by upper-cased key (CUCM names ignore case). */
export function knownNames(memory: SweepMemory): Map<string, string> {
  const names = new Map<string, string>();
  for (const batch of memory.batches) {
    if (batch.method === "selectCmDeviceExt") for (const name of batch.items) names.set(name.toUpperCase(), name);
    for (const record of batch.records) names.set(record.name.toUpperCase(), record.name);
  }
  for (const [key, entry] of Object.entries(memory.missing)) if (!names.has(key)) names.set(key, entry.name);
  return names;
}
