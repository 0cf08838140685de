// sweepCluster: every device of a cluster with as few requests as the reply cap allows. The first
// sweep discovers the cluster with wildcard slices; later sweeps repeat the plan the last one
// left (slices, or name batches plus a few probes for new devices), each query with its own
// StateInfo. Missing devices are only declared by a sweep that completed. With the cluster's
// configured names (AXL), a sweep asks for exactly those: ceil(N / names per request) requests.
import type { DeviceQueryResult } from "../client/client";
import { discoverCluster, learnNameCase } from "./discovery";
import { deviceKey, mergeDeviceRecords } from "./merge";
import { nameKey, splitItems, type NameCase } from "./prefixes";
import { DEFAULT_ITEMS_PER_REQUEST } from "../client/requests";
import { addNames, applyBatchReply, packNames, unanswered } from "./batches";
import {
  emptySweepMemory,
  knownNames,
  sweepMemorySchema,
  type SweepBatch,
  type SweepGroup,
  type SweepMemory,
} from "./memory";
import { namesPerBatch, planSweep, type SweepLimits } from "./plan";
import {
  ask,
  stillCut,
  SweepStopped,
  type SweepClient,
  type SweepContext,
  type SweepNodeOutcome,
  type SweepProblem,
} from "./query";
import type { ClusterDevice } from "../types";

export type SweepOptions = {
  client: SweepClient;
  /** What the previous sweep returned as `memory` (validated here); absent or null for the first sweep. */
  memory?: unknown;
  /** Records per reply; defaults to the client's. */
  replyCap?: number;
  /** Most SelectItems per request; defaults to the client's (500 when it has none). */
  maxItemsPerRequest?: number;
  /** Slices probed per sweep for new devices when the cluster is read by name batches (default 2). */
  probesPerSweep?: number;
  /** Complete sweeps a missing device is still looked for before it is forgotten (default 3). */
  forgetMissingAfter?: number;
  /** RateControl faults waited out before the sweep gives up (default 3). */
  maxRateLimitRetries?: number;
  maxRequests?: number;
  /** Latest clock time worth waiting for a budget slot; past it the sweep stops, incomplete. */
  deadline?: number;
  signal?: AbortSignal;
  /**
   * Every device name the cluster has configured (AXL): the sweep asks for exactly these, in
   * batches of a reply's worth, and neither discovers nor probes. New devices come with the next
   * configured inventory.
   */
  names?: readonly string[];
};

export type SweepResult = {
  /** Every device this sweep confirmed (fresh, or kept through NoChange), newest record each. */
  devices: ClusterDevice[];
  /** Names this sweep found that the memory did not know. */
  newDevices: string[];
  /** Known names a complete sweep did not find; always empty when incomplete. */
  missing: string[];
  /** Known names an incomplete sweep could not confirm: neither found nor missing. */
  unconfirmed: string[];
  complete: boolean;
  /** Requests sent, failovers included. */
  requests: number;
  nodeOutcomes: SweepNodeOutcome[];
  problems: SweepProblem[];
  /** To be stored and passed back as `memory` next time. */
  memory: SweepMemory;
};

type Sweep = {
  context: SweepContext;
  batches: SweepBatch[];
  groups: SweepGroup[];
  probeCursor: number;
  confirmed: ClusterDevice[];
  /** Every record the plan for the next sweep should account for. */
  discovered?: ClusterDevice[];
  stopped: boolean;
  /** The memory said how the cluster matches names; otherwise a discovery asks. */
  nameCaseKnown: boolean;
};

const isWholeCluster = (batch: SweepBatch) => batch.items.length === 1 && batch.items[0] === "*";

async function discover(sweep: Sweep, root: DeviceQueryResult): Promise<void> {
  if (!sweep.nameCaseKnown) {
    sweep.context.nameCase = await learnNameCase(sweep.context, root.records);
    sweep.nameCaseKnown = true;
  }
  const discovery = await discoverCluster(sweep.context, root);
  sweep.confirmed.push(...discovery.records);
  sweep.discovered = discovery.records;
}

/** The first sweep: `*`, and discovery when that reply is full. */
async function firstSweep(sweep: Sweep): Promise<void> {
  const root = await ask(sweep.context, { method: "selectCmDevice", items: ["*"] });
  if (root === null) return;
  if (root.truncated) return discover(sweep, root);
  const batch = applyBatchReply({ method: "selectCmDevice", items: ["*"], stateInfo: "", records: [] }, root);
  sweep.batches = [batch];
  sweep.confirmed.push(...batch.records);
}

/** Every batch once. A cut name batch is halved, a cut slice split, a cut `*` turns into discovery. */
async function sweepBatches(sweep: Sweep): Promise<void> {
  const work = [...sweep.batches];
  const done: SweepBatch[] = [];
  try {
    while (work.length > 0) {
      const batch = work[0] as SweepBatch;
      const result = await ask(sweep.context, { method: batch.method, items: batch.items, stateInfo: batch.stateInfo });
      work.shift();
      if (result === null) {
        done.push(batch);
        continue;
      }
      const next = applyBatchReply(batch, result);
      const cut = result.truncated && (batch.method === "selectCmDevice" || unanswered(next).length > 0);
      if (cut && isWholeCluster(batch)) return discover(sweep, result);
      if (cut && batch.items.length > 0) {
        const nameCase = sweep.context.nameCase;
        const halves =
          batch.method === "selectCmDeviceExt"
            ? [
                batch.items.slice(0, Math.ceil(batch.items.length / 2)),
                batch.items.slice(Math.ceil(batch.items.length / 2)),
              ]
            : splitItems(batch.items, result.records.map((record) => nameKey(record.name, nameCase)).sort(), nameCase);
        if (halves.every((half) => half.length > 0)) {
          work.unshift(...halves.map((items) => ({ ...batch, items, stateInfo: "", records: [] })));
          continue;
        }
        // Nothing finer to ask: keep what came back, but never as a complete answer.
        sweep.context.incomplete = true;
        sweep.context.problems.push(stillCut(batch.items));
      }
      done.push(next);
      sweep.confirmed.push(...next.records);
    }
  } finally {
    sweep.batches = [...done, ...work];
  }
}

/** Name-batch plans only: the next slices are read whole for names no batch holds yet. */
async function probeForNewDevices(sweep: Sweep, probes: number): Promise<void> {
  const count = Math.min(probes, sweep.groups.length);
  const known = new Set(sweep.batches.flatMap((batch) => batch.items.map(deviceKey)));
  const fresh: ClusterDevice[] = [];
  for (let step = 0; step < count; step++) {
    const index = sweep.probeCursor % sweep.groups.length;
    const group = sweep.groups[index] as SweepGroup;
    sweep.probeCursor = (sweep.probeCursor + 1) % sweep.groups.length;
    const result = await ask(sweep.context, { method: "selectCmDevice", items: group.items, nodeName: group.nodeName });
    if (result === null) continue;
    fresh.push(...result.records.filter((record) => !known.has(deviceKey(record.name))));
    if (result.truncated) {
      const nameCase = sweep.context.nameCase;
      const halves = splitItems(
        group.items,
        result.records.map((record) => nameKey(record.name, nameCase)).sort(),
        nameCase,
      );
      sweep.groups.splice(
        index,
        1,
        ...halves.filter((items) => items.length > 0).map((items) => ({ ...group, items })),
      );
    } else {
      sweep.groups[index] = { ...group, records: result.records.length };
    }
  }
  if (fresh.length === 0) return;
  sweep.batches = addNames(
    sweep.batches,
    [...new Set(fresh.map((record) => record.name))],
    namesPerBatch(sweep.context),
    fresh,
  );
  sweep.confirmed.push(...fresh);
}

const isWholeClusterPlan = (memory: SweepMemory) =>
  memory.batches.length === 1 && isWholeCluster(memory.batches[0] as SweepBatch);

function readMemory(raw: unknown, cap: number, maxItems: number, exact: boolean): SweepMemory {
  if (!raw) return emptySweepMemory(cap);
  const memory = sweepMemorySchema.parse(raw);
  // Configured-name batches say nothing about devices outside them: without the names, discover.
  if (memory.configuredNames && !exact)
    return { ...emptySweepMemory(cap), missing: memory.missing, sweeps: memory.sweeps };
  // Start over (keeping what is missing) rather than send replies that cannot fit, requests with
  // more items than allowed, or slices cut for a name matching the cluster may not use.
  const fits = memory.replyCap === cap && memory.batches.every((batch) => batch.items.length <= maxItems);
  const sliced = memory.batches.length > 0 && !isWholeClusterPlan(memory);
  if (fits && (memory.nameCase !== undefined || !sliced || (exact && memory.configuredNames))) return memory;
  return { ...emptySweepMemory(cap), missing: memory.missing, sweeps: memory.sweeps };
}

/**
 * Batches of the configured names, a reply's worth each, in name order. A batch whose names are
 * the same as last time keeps its StateInfo and records, so an unchanged cluster answers NoChange.
 */
function configuredBatches(names: readonly string[], previous: readonly SweepBatch[], size: number): SweepBatch[] {
  const kept = new Map(
    previous
      .filter((batch) => batch.method === "selectCmDeviceExt")
      .map((batch) => [batch.items.map(deviceKey).join("\u0000"), batch]),
  );
  return packNames(names, size).map((batch) => kept.get(batch.items.map(deviceKey).join("\u0000")) ?? batch);
}

export async function sweepCluster(options: SweepOptions): Promise<SweepResult> {
  const cap = options.replyCap ?? options.client.replyCap;
  const maxItems = options.maxItemsPerRequest ?? options.client.maxItemsPerRequest ?? DEFAULT_ITEMS_PER_REQUEST;
  const probes = options.probesPerSweep ?? 2;
  const exact = options.names !== undefined && options.names.length > 0;
  const memory = readMemory(options.memory, cap, maxItems, exact);
  // With configured names, "known" is exactly those names; the memory's guesses do not count.
  const before = exact ? new Map((options.names ?? []).map((name) => [deviceKey(name), name])) : knownNames(memory);
  const nameCase: NameCase = memory.nameCase ?? "exact";
  const context: SweepContext = {
    client: options.client,
    cap,
    maxItems,
    nameCase,
    requests: 0,
    incomplete: false,
    nodeOutcomes: new Map(),
    problems: [],
    rateLimitRetries: 0,
    maxRateLimitRetries: options.maxRateLimitRetries ?? 3,
    maxRequests: options.maxRequests ?? Number.POSITIVE_INFINITY,
    deadline: options.deadline,
    signal: options.signal,
  };
  const sweep: Sweep = {
    context,
    batches: memory.batches,
    groups: [...memory.groups],
    probeCursor: memory.probeCursor,
    confirmed: [],
    stopped: false,
    nameCaseKnown: memory.nameCase !== undefined,
  };

  if (exact) {
    sweep.batches = configuredBatches(options.names ?? [], memory.batches, namesPerBatch(context));
    sweep.groups = [];
  }

  try {
    if (exact) await sweepBatches(sweep);
    else if (memory.batches.length === 0) await firstSweep(sweep);
    else {
      await sweepBatches(sweep);
      if (!sweep.discovered) await probeForNewDevices(sweep, probes);
    }
  } catch (error) {
    if (!(error instanceof SweepStopped)) throw error;
    context.incomplete = true;
    sweep.stopped = true;
    context.problems.push(error.problem);
  }

  const devices = mergeDeviceRecords(sweep.confirmed);
  const found = new Set(devices.map((device) => deviceKey(device.name)));
  const complete = !context.incomplete;
  const notFound = [...before].filter(([key]) => !found.has(key));
  // Configured names never go missing from the plan (the inventory says whether they exist).
  const missing = exact ? {} : { ...memory.missing };
  const limits = (): SweepLimits => ({ cap, maxItems, nameCase: context.nameCase });
  let plan = { batches: sweep.batches, groups: sweep.groups };

  if (sweep.discovered && !sweep.stopped) {
    // A discovery that ran its course plans the next sweep even if a node failed; one that was
    // stopped (budget, credentials, network) leaves the memory as it was and runs again next time.
    plan = planSweep(sweep.discovered, { batches: [], groups: [] }, limits(), probes);
  }
  // Configured names are the plan as they are: only the next configured inventory changes them.
  if (complete && !exact) {
    for (const key of found) delete missing[key];
    const forgotten = new Set<string>();
    for (const [key, name] of notFound) {
      const sweeps = (missing[key]?.sweeps ?? 0) + 1;
      missing[key] = { name, sweeps };
      if (sweeps >= (options.forgetMissingAfter ?? 3)) forgotten.add(key);
    }
    for (const key of forgotten) delete missing[key];
    const batches = plan.batches
      .map((batch) =>
        batch.method === "selectCmDeviceExt"
          ? { ...batch, items: batch.items.filter((item) => !forgotten.has(deviceKey(item))) }
          : batch,
      )
      .filter((batch) => batch.items.length > 0);
    plan = planSweep(
      batches.flatMap((batch) => batch.records),
      { batches, groups: plan.groups },
      limits(),
      probes,
    );
  }

  return {
    devices,
    newDevices: devices.filter((device) => !before.has(deviceKey(device.name))).map((device) => device.name),
    missing: complete ? notFound.map(([, name]) => name) : [],
    unconfirmed: complete ? [] : notFound.map(([, name]) => name),
    complete,
    requests: context.requests,
    nodeOutcomes: [...context.nodeOutcomes.values()],
    problems: context.problems,
    memory: {
      version: 1,
      replyCap: cap,
      batches: plan.batches,
      groups: plan.groups,
      probeCursor: plan.groups.length > 0 ? sweep.probeCursor % plan.groups.length : 0,
      missing,
      sweeps: memory.sweeps + 1,
      ...(sweep.nameCaseKnown ? { nameCase: context.nameCase } : {}),
      ...(exact ? { configuredNames: true } : {}),
    },
  };
}
