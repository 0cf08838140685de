// Finding every device of a cluster without knowing any names. `*` first; when that reply is
// full, each node is asked for `*` too (enough when every node fits one reply, and otherwise a
// bigger sample), then the name space is cut into wildcard slices sized from the sample times a
// scale learned from every slice answered in full. A slice answered below the cap is complete,
// so the slices together are the whole cluster.
import type { DeviceQueryResult } from "../client/client";
import {
  type Cell,
  MIN_ROOM_TO_CUT,
  type NameCase,
  ROOT_CELL,
  cellItem,
  childCells,
  countInCell,
  nameKey,
  unusualCharacters,
} from "./prefixes";
import { ask, failedNodes, stillCut, type SweepContext } from "./query";
import type { SweepGroup } from "./memory";
import type { ClusterDevice } from "../types";

export type Discovery = { records: ClusterDevice[]; groups: SweepGroup[] };

/**
 * A cell and how many sample records it holds: of the cluster sample, or, after its group came
 * back over the cap, of that reply (`local`, with a fixed estimate per sampled record).
 * `startsGroup` forces a request boundary so a retry asks less than the reply that overflowed.
 */
type Slice = { cell: Cell; sample: number; local?: { keys: string[]; each: number }; startsGroup?: boolean };

/** Standard deviations of headroom a slice keeps below the cap: about 1.8 balances overflows against underfilled replies (measured). */
const Z = 1.8;
/** Before any slice is counted the cluster is assumed this many replies big, so the first slice fits. */
const FIRST_GUESS_REPLIES = 100;
/** Node samples beyond this many full ones add little. */
const ENOUGH_NODE_SAMPLES = 3;
const MAX_OVERFLOWS = 40;

const keysOf = (records: ClusterDevice[], nameCase: NameCase) =>
  records.map((record) => nameKey(record.name, nameCase)).sort();
const ofNode = (records: ClusterDevice[], node: string) =>
  records.filter((record) => record.node.toLowerCase() === node.toLowerCase());

/** The slice's children, counted in the same sample as the slice. */
function split(slice: Slice, sorted: string[], extra: Set<string>, nameCase: NameCase): Slice[] {
  const keys = slice.local?.keys ?? sorted;
  return childCells(slice.cell, extra, nameCase).map((cell) => ({
    cell,
    sample: countInCell(keys, cell),
    local: slice.local,
  }));
}

/** Cuts the whole name space into slices below the cap; every record read goes to `discovery`. */
async function partition(context: SweepContext, sample: ClusterDevice[], discovery: Discovery): Promise<void> {
  const { cap, maxItems, nameCase } = context;
  const sorted = keysOf(sample, nameCase);
  const extra = unusualCharacters(sorted, nameCase);
  let sampleDone = 0;
  let recordsDone = 0;
  // A full reply gave the sample, so the cluster holds at least `cap` records.
  const lowerBound = cap / Math.max(1, sorted.length);
  let guess = (FIRST_GUESS_REPLIES * cap) / Math.max(1, sorted.length);
  const scale = () => Math.max(lowerBound, sampleDone > 0 ? recordsDone / sampleDone : guess);
  const estimateOf = (slice: Slice) => slice.sample * (slice.local?.each ?? scale());
  let queue: Slice[] = [{ cell: ROOT_CELL, sample: sorted.length }];
  let overflows = 0;

  while (queue.length > 0) {
    const group: Slice[] = [];
    let estimate = 0;
    let support = 0;
    while (group.length < queue.length) {
      const slice = queue[group.length] as Slice;
      if (slice.startsGroup && group.length > 0) break;
      const nextEstimate = estimate + estimateOf(slice);
      const nextSupport = support + slice.sample;
      // Poisson noise of the sample in the group, plus the scale's own while few slices are counted.
      const scaleNoise = !slice.local && sampleDone > 0 ? 1 / sampleDone : 0;
      const spread = Math.sqrt(1 / Math.max(1, nextSupport) + scaleNoise);
      if (nextEstimate * (1 + Z * spread) <= cap * 0.97 && group.length < maxItems) {
        group.push(slice);
        estimate = nextEstimate;
        support = nextSupport;
        continue;
      }
      // Cut only where a slice does not fit: fewer, larger cells keep requests short. Cut only where
      // the children fit this request's items and the request has real room left; otherwise the
      // next request starts with it (each level of cutting costs a whole alphabet of items).
      const children = slice.cell.exact || slice.cell.prefix.length >= 64 ? [] : split(slice, sorted, extra, nameCase);
      const roomLeft = estimate < cap * 0.97 * (1 - MIN_ROOM_TO_CUT);
      if (children.length > 0 && (group.length === 0 || (roomLeft && group.length + children.length <= maxItems))) {
        // The biggest kinds of device first (SEP… before CTI ports): the scale is learned where the
        // sample is densest, not from counter-named devices whose oldest ones the sample over-shows.
        if (slice.cell.prefix === "") children.sort((a, b) => b.sample - a.sample);
        queue.splice(group.length, 1, ...children);
        continue;
      }
      if (group.length === 0) group.push(slice);
      break;
    }
    queue = queue.slice(group.length);
    const items = group.map((slice) => cellItem(slice.cell));
    const result = await ask(context, { method: "selectCmDevice", items });
    if (result === null) continue; // refused: these slices stay unknown and the sweep incomplete
    discovery.records.push(...result.records);
    if (failedNodes(result).length > 0) continue;
    const keys = keysOf(result.records, nameCase);
    if (!result.truncated) {
      discovery.groups.push({ nodeName: "", items, records: result.records.length });
      // Every counted slice teaches the scale, however it was sized, so dense spots are not left out.
      let groupSample = 0;
      let groupRecords = 0;
      for (const slice of group) {
        groupSample += countInCell(sorted, slice.cell);
        groupRecords += countInCell(keys, slice.cell);
      }
      sampleDone += groupSample;
      recordsDone += groupRecords;
      continue;
    }
    // Over the cap: the reply is a sample of this group alone; cut the group again with it.
    if (++overflows > MAX_OVERFLOWS) {
      context.incomplete = true;
      context.problems.push(stillCut(items));
      return;
    }
    if (sampleDone === 0) guess = Math.max(guess * 4, cap / Math.max(1, support)); // bigger than the first guess
    for (const character of unusualCharacters(keys, nameCase)) extra.add(character);
    // At least a reply's worth; a slice that overflows twice is assumed twice as big as last time.
    const before = group[0]?.local ? estimate * 2 : 0;
    const each = (Math.max(cap, before) * 1.3) / Math.max(1, keys.length);
    let resliced = group.map(
      (slice): Slice => ({ cell: slice.cell, sample: countInCell(keys, slice.cell), local: { keys, each } }),
    );
    if (resliced.length === 1) {
      const only = resliced[0] as Slice;
      if (only.cell.exact) {
        // One name with more records than a reply holds: not seen on CUCM, but never trusted.
        context.incomplete = true;
        context.problems.push(stillCut(items));
        continue;
      }
      resliced = split(only, sorted, extra, nameCase);
    }
    // Whatever the estimates say, the retry is cut where half of what the reply showed lies, and
    // asks fewer cells at a time than before, so it ends.
    const total = resliced.reduce((sum, slice) => sum + slice.sample, 0);
    let middle = 1;
    for (let running = 0; middle < resliced.length - 1; middle++) {
      running += (resliced[middle - 1] as Slice).sample;
      if (running * 2 >= total) break;
    }
    resliced = resliced.map((slice, index) => ({ ...slice, startsGroup: index === 0 || index === middle }));
    const following = queue[0];
    if (following) queue[0] = { ...following, startsGroup: true };
    queue = [...resliced, ...queue];
  }
}

const swapCase = (name: string): string =>
  [...name]
    .map((character) => (character === character.toUpperCase() ? character.toLowerCase() : character.toUpperCase()))
    .join("");

/**
 * Whether the cluster matches names regardless of case (unverified on real clusters, so asked once
 * per cluster): a known name asked in swapped case comes back only from a cluster that folds case.
 * When the answer is unclear the cluster is taken as exact, which finds every device either way
 * (a folding cluster then answers some slices twice, which costs requests, never devices).
 */
export async function learnNameCase(context: SweepContext, records: ClusterDevice[]): Promise<NameCase> {
  const probe = records.find((record) => swapCase(record.name) !== record.name);
  if (!probe) return "exact";
  const asked = swapCase(probe.name);
  const result = await ask(context, { method: "selectCmDevice", items: [asked] });
  if (result === null) return "exact";
  const folded = result.records.some((record) => record.name.toUpperCase() === probe.name.toUpperCase());
  // Not found: the cluster matches case (a node that did not answer leaves "exact", the safe side).
  return folded ? "folded" : "exact";
}

/**
 * Discovers every device from the full reply to `*` the caller already has. Every record read is
 * kept (the same device may come more than once; callers merge).
 */
export async function discoverCluster(context: SweepContext, root: DeviceQueryResult): Promise<Discovery> {
  const discovery: Discovery = { records: [...root.records], groups: [] };
  const nodes = root.nodes
    .filter((node) => node.returnCode === "Ok" || node.returnCode === "NotFound")
    .map((node) => node.node);
  // A node that filled the whole reply alone would answer its own `*` with the same records.
  const filler = nodes.find((node) => ofNode(root.records, node).length === root.records.length);
  const sample = filler === undefined ? [] : [...root.records];
  let fullSamples = filler === undefined ? 0 : 1;
  let everyNodeWhole = filler === undefined;
  for (const node of nodes) {
    if (node === filler) continue;
    if (!everyNodeWhole && fullSamples >= ENOUGH_NODE_SAMPLES) break;
    const result = await ask(context, { method: "selectCmDevice", items: ["*"], nodeName: node });
    if (result === null || failedNodes(result).length > 0) {
      everyNodeWhole = false;
      continue;
    }
    const records = ofNode(result.records, node);
    discovery.records.push(...records);
    sample.push(...records);
    if (result.truncated) {
      fullSamples++;
      everyNodeWhole = false;
    } else {
      discovery.groups.push({ nodeName: node, items: ["*"], records: records.length });
    }
  }
  if (everyNodeWhole && nodes.length > 0) return discovery;
  discovery.groups = [];
  await partition(context, sample.length > 0 ? sample : root.records, discovery);
  return discovery;
}
