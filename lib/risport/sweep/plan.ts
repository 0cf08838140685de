// How the next sweep asks, decided after each complete sweep from what it found. Wildcard slices
// read every device and find new ones each time; name batches need only ceil(N / cap) requests
// but find new devices only through probes. Slices win while they cost no more than batches
// plus the probes; a plan that still fits is kept so its StateInfo stays valid.
import { deviceKey } from "./merge";
import { cellItem, nameKey, packSlices, type NameCase } from "./prefixes";
import { packNames } from "./batches";
import type { SweepBatch, SweepGroup } from "./memory";
import type { ClusterDevice } from "../types";

/** Slices are packed below the cap so a few devices more do not cut the next reply. */
export const SLICE_FILL = 0.92;
/** A kept slice may grow to this share of the cap before the plan is redone. */
const SLICE_LIMIT = 0.97;

export type SweepPlan = { batches: SweepBatch[]; groups: SweepGroup[] };

/** What a plan must respect: records per reply, SelectItems per request, and how names match. */
export type SweepLimits = { cap: number; maxItems: number; nameCase: NameCase };

/** Names per name batch: a reply's worth, but never more items than one request may carry. */
export const namesPerBatch = (limits: Pick<SweepLimits, "cap" | "maxItems">): number =>
  Math.max(1, Math.min(limits.cap, limits.maxItems));

function wildcardSlices(records: ClusterDevice[], { cap, maxItems, nameCase }: SweepLimits) {
  const key = (name: string) => nameKey(name, nameCase);
  const sorted = [...records].sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
  const keys = sorted.map((record) => key(record.name));
  const slices = packSlices(keys, Math.floor(SLICE_FILL * cap), maxItems, nameCase);
  return slices.map((slice) => ({ items: slice.cells.map(cellItem), records: sorted.slice(slice.from, slice.to) }));
}

/** One record per device and node, the newest: discovery reads some slices more than once. */
function distinctRecords(records: ClusterDevice[]): ClusterDevice[] {
  const byKey = new Map<string, ClusterDevice>();
  for (const record of records) {
    const key = `${deviceKey(record.name)}\u0000${record.node.toLowerCase()}`;
    const current = byKey.get(key);
    if (!current || record.timeStamp > current.timeStamp) byKey.set(key, record);
  }
  return [...byKey.values()];
}

/** The plan for the next sweep, given every record known now and the current plan. */
export function planSweep(
  allRecords: ClusterDevice[],
  current: SweepPlan,
  limits: SweepLimits,
  probes: number,
): SweepPlan {
  const { cap } = limits;
  const records = distinctRecords(allRecords);
  const names = [...new Map(records.map((record) => [deviceKey(record.name), record.name])).values()];
  const slices = wildcardSlices(records, limits);
  const batchSize = namesPerBatch(limits);
  const nameBatches = Math.ceil(names.length / batchSize);
  const wildcardNow = current.batches.length > 0 && current.batches.every((batch) => batch.method === "selectCmDevice");

  if (slices.length <= nameBatches + probes) {
    const fits = current.batches.every(
      (batch) => batch.records.length <= SLICE_LIMIT * cap && batch.items.length <= limits.maxItems,
    );
    if (wildcardNow && fits && current.batches.length <= slices.length + 1)
      return { batches: current.batches, groups: [] };
    return {
      batches: slices.map((slice) => ({
        method: "selectCmDevice",
        items: slice.items,
        stateInfo: "",
        records: slice.records,
      })),
      groups: [],
    };
  }
  const groups =
    !wildcardNow && current.groups.length > 0
      ? current.groups
      : slices.map((slice) => ({ nodeName: "", items: slice.items, records: slice.records.length }));
  const batchesFit = current.batches.every((batch) => batch.items.length <= batchSize);
  if (!wildcardNow && batchesFit && current.batches.length > 0 && current.batches.length <= nameBatches)
    return { batches: current.batches, groups };
  return { batches: packNames(names, batchSize, records), groups };
}
