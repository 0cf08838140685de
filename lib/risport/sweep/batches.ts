// Name batches: the devices a sweep already knows, asked by name up to the cap per request.
// Each batch keeps its StateInfo and the records each node last sent, so a node answering
// NoChange keeps its share of the records instead of reading as "no devices".
import type { DeviceQueryResult } from "../client/client";
import { deviceKey } from "./merge";
import type { SweepBatch } from "./memory";
import type { ClusterDevice } from "../types";

const answered = (code: string) => code === "Ok" || code === "NotFound";

/** The batch after a reply: fresh records for nodes that changed, the previous ones for NoChange nodes. */
export function applyBatchReply(batch: SweepBatch, result: DeviceQueryResult): SweepBatch {
  const records: ClusterDevice[] = [];
  for (const outcome of result.nodes) {
    if (!answered(outcome.returnCode)) continue;
    const node = outcome.node.toLowerCase();
    const source = outcome.noChange ? batch.records : result.records;
    records.push(...source.filter((record) => record.node.toLowerCase() === node));
  }
  return { ...batch, stateInfo: result.stateInfo, records };
}

/** Names of a name batch that the reply did not account for. */
export function unanswered(batch: SweepBatch): string[] {
  const seen = new Set(batch.records.map((record) => deviceKey(record.name)));
  return batch.items.filter((name) => !seen.has(deviceKey(name)));
}

export function nameBatch(names: string[], records: ClusterDevice[] = []): SweepBatch {
  return { method: "selectCmDeviceExt", items: names, stateInfo: "", records };
}

/** Cuts names into as few batches as `cap` (names per request) allows, in name order so batches stay stable. */
export function packNames(names: Iterable<string>, cap: number, records: ClusterDevice[] = []): SweepBatch[] {
  const sorted = [...new Set(names)].sort((a, b) => (deviceKey(a) < deviceKey(b) ? -1 : 1));
  const byName = new Map<string, ClusterDevice[]>();
  for (const record of records) {
    const key = deviceKey(record.name);
    byName.set(key, [...(byName.get(key) ?? []), record]);
  }
  const batches: SweepBatch[] = [];
  for (let start = 0; start < sorted.length; start += cap) {
    const chunk = sorted.slice(start, start + cap);
    batches.push(
      nameBatch(
        chunk,
        chunk.flatMap((name) => byName.get(deviceKey(name)) ?? []),
      ),
    );
  }
  return batches;
}

/** Adds newly found names to the last batch with room, then to new batches; a changed batch loses its StateInfo. */
export function addNames(batches: SweepBatch[], names: string[], cap: number, records: ClusterDevice[]): SweepBatch[] {
  const out = [...batches];
  let pending = [...names];
  for (let index = out.length - 1; index >= 0 && pending.length > 0; index--) {
    const batch = out[index] as SweepBatch;
    if (batch.method !== "selectCmDeviceExt" || batch.items.length >= cap) continue;
    const taken = pending.slice(0, cap - batch.items.length);
    pending = pending.slice(taken.length);
    const keys = new Set(taken.map(deviceKey));
    out[index] = {
      ...batch,
      items: [...batch.items, ...taken],
      stateInfo: "",
      records: [...batch.records, ...records.filter((record) => keys.has(deviceKey(record.name)))],
    };
    break;
  }
  if (pending.length > 0) out.push(...packNames(pending, cap, records));
  return out;
}
