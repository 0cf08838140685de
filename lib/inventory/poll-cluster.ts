// One poll of a Unified CM cluster: sweepCluster for every device (through the cluster's shared
// RisPort budget) and selectCtiItem for the CTI applications, their devices and lines.
import type { InventoryStore } from "@/lib/db/inventory-store";
import type { CtiAppState } from "@/lib/db/inventory-types";
import type { SourceConnection } from "@/lib/db/sources";
import type { Clock } from "@/lib/risport/budget/budget";
import type { CtiQueryResult, RisportClient } from "@/lib/risport/client/client";
import { sweepCluster, type SweepResult } from "@/lib/risport/sweep/sweep";
import { isSoapError } from "@/lib/soap";
import { parseJsonArray } from "@/lib/domain/json";
import { clusterBudget, clusterClient } from "./clients";
import { loadSweepMemory, saveSweepMemory } from "./cluster-memory";
import { PollFailure } from "./health";
import { clusterDevice, ctiApp, ctiListsByApp, lastChangeAt, type CtiLists } from "./map-cucm";
import { configuredForPoll, unseenConfigured, withConfiguration, type ReadConfigured } from "./configured";
import { getNotSeenDays } from "@/lib/db/org-settings";
import type { PollProblem, SourceSnapshot } from "./snapshot";

export interface ClusterPollOptions {
  store: InventoryStore;
  clock: Clock;
  /** Latest clock time worth waiting for a budget slot; the poll is partial after it. */
  deadline: number;
  signal?: AbortSignal;
  /** How the configured inventory is read (AXL by default; tests may pass another). */
  readConfigured?: ReadConfigured;
}

function clusterPollClient(source: SourceConnection, options: ClusterPollOptions): RisportClient {
  return clusterClient(source, clusterBudget(source, options.store.budgetStore(), options.clock));
}

const answered = (result: CtiQueryResult) =>
  result.nodes.every((node) => node.returnCode === "Ok" || node.returnCode === "NotFound");

/**
 * The applications (Provider class) and what they control (Line class: each line with its
 * device). When the lists cannot be read in full, the stored lists are kept.
 */
async function readCti(
  client: RisportClient,
  options: ClusterPollOptions,
  sourceId: string,
  problems: PollProblem[],
  count: () => void,
) {
  const query = { deadline: options.deadline, signal: options.signal, onAttempt: count };
  let providers: CtiQueryResult;
  try {
    providers = await client.selectCtiItem({ ctiManagerClass: "Provider" }, query);
  } catch (error) {
    options.signal?.throwIfAborted();
    problems.push({
      kind: isSoapError(error) ? error.kind : "internal",
      userMessage: `CTI applications: ${isSoapError(error) ? error.userMessage : "an unexpected error stopped this part of the poll."}`,
    });
    return null;
  }
  let lists: Map<string, CtiLists> | null = null;
  try {
    const lines = await client.selectCtiItem({ ctiManagerClass: "Line" }, query);
    if (!lines.truncated && answered(lines)) lists = ctiListsByApp(lines.items);
    else
      problems.push({
        kind: "partial",
        userMessage: "CTI applications: not every controlled line could be listed; the stored lists are kept.",
      });
  } catch (error) {
    options.signal?.throwIfAborted();
    problems.push({
      kind: isSoapError(error) ? error.kind : "internal",
      userMessage: `CTI lines: ${isSoapError(error) ? error.userMessage : "an unexpected error stopped this part of the poll."}`,
    });
  }
  const complete = !providers.truncated && answered(providers);
  if (!complete)
    problems.push({
      kind: "partial",
      userMessage: "CTI applications: not every node answered; none is marked missing.",
    });
  const stored = lists ? null : await storedCtiLists(options.store, sourceId);
  const items = providers.items.map(
    (item): CtiAppState => ctiApp(item, lists ? lists.get(item.appId) : stored?.get(item.appId)),
  );
  return { items, complete };
}

async function storedCtiLists(store: InventoryStore, sourceId: string): Promise<Map<string, CtiLists>> {
  const index = await store.currentIndex("cti", sourceId);
  const rows = await store.currentRows(
    "cti",
    [...index.values()].map((entry) => entry.id),
  );
  return new Map(
    rows.map((row) => [
      row.appId,
      {
        devices: parseJsonArray(row.devices) as CtiLists["devices"],
        lines: parseJsonArray(row.lines) as CtiLists["lines"],
      },
    ]),
  );
}

/** A cluster poll's snapshot, with why the device sweep was incomplete (null when it was complete). */
export type ClusterSnapshot = SourceSnapshot & { incompleteReason: string | null };

/** Why a sweep was not complete, in plain words: which nodes were down, a slice still cut, the budget spent. */
export function sweepIncompleteReason(
  sweep: Pick<SweepResult, "complete" | "nodeOutcomes" | "problems">,
): string | null {
  if (sweep.complete) return null;
  const reasons: string[] = [];
  for (const node of sweep.nodeOutcomes)
    if (node.failures > 0) reasons.push(`node ${node.node} down (${node.lastReturnCode})`);
  const kinds = new Set(sweep.problems.map((problem) => problem.kind));
  if (kinds.has("slice-cut") || kinds.has("partition")) reasons.push("a slice of names still cut at the reply cap");
  if (kinds.has("rate-limited")) reasons.push("the RisPort budget was spent before every device was read");
  if (kinds.has("request-limit")) reasons.push("the sweep's request limit was reached");
  for (const problem of sweep.problems) {
    if (!["slice-cut", "partition", "rate-limited", "request-limit"].includes(problem.kind))
      reasons.push(problem.userMessage);
  }
  if (reasons.length === 0) reasons.push("not every device could be confirmed");
  return `Incomplete sweep: ${[...new Set(reasons.map((reason) => reason.replace(/\.$/, "")))].join("; ")}.`;
}

export async function pollCluster(
  source: SourceConnection,
  memory: Record<string, unknown>,
  options: ClusterPollOptions,
): Promise<ClusterSnapshot> {
  const client = clusterPollClient(source, options);
  let ctiRequests = 0;
  const configured = await configuredForPoll(source, memory, {
    store: options.store,
    now: options.clock(),
    signal: options.signal,
    read: options.readConfigured,
  });
  const configuredNames = configured.devices?.map((device) => device.name);
  const sweep = await sweepCluster({
    client,
    memory: loadSweepMemory(source.id, memory),
    deadline: options.deadline,
    signal: options.signal,
    names: configuredNames && configuredNames.length > 0 ? configuredNames : undefined,
  });
  options.signal?.throwIfAborted();
  if (!sweep.complete && sweep.devices.length === 0) {
    // Nothing confirmed: the poll failed, for the first reason the sweep met.
    const first = sweep.problems[0];
    throw new PollFailure(first?.kind ?? "transport", first?.userMessage ?? "No node of the cluster answered.", {
      requests: sweep.requests,
    });
  }
  const problems: PollProblem[] = sweep.problems.map((p) => ({ kind: p.kind, userMessage: p.userMessage }));
  if (configured.problem) problems.push(configured.problem);
  for (const node of sweep.nodeOutcomes) {
    if (node.failures > 0)
      problems.push({
        kind: "node",
        userMessage: `Node ${node.node} did not answer for its devices (${node.lastReturnCode}); their last known state is kept.`,
      });
  }
  if (!sweep.complete && problems.length === 0)
    problems.push({
      kind: "partial",
      userMessage: "Not every device could be confirmed this time; none is marked missing.",
    });
  const cti = await readCti(client, options, source.id, problems, () => void ctiRequests++);
  const byName = new Map((configured.devices ?? []).map((device) => [device.name.toUpperCase(), device]));
  const items = sweep.devices.map((device) =>
    withConfiguration(clusterDevice(device), byName.get(device.name.toUpperCase())),
  );
  // Only a complete sweep says which configured devices RisPort does not report.
  if (configured.devices && sweep.complete)
    items.push(
      ...(await unseenConfigured(
        options.store,
        source.id,
        configured.devices,
        new Set(sweep.devices.map((device) => device.name.toUpperCase())),
        { now: options.clock(), notSeenDays: await getNotSeenDays() },
      )),
    );
  return {
    devices: {
      items,
      complete: sweep.complete,
      // With a node silent, a device registered there may show only its stale copy from another node.
      storedIsNewer: sweep.complete ? undefined : (stored, read) => lastChangeAt(stored) > lastChangeAt(read),
    },
    extensions: null,
    cti,
    routerEvents: [],
    requests: sweep.requests + ctiRequests,
    problems,
    memory: { kind: "cucm", ...saveSweepMemory(source.id, sweep.memory), ...configured.memory },
    incompleteReason: sweepIncompleteReason(sweep),
  };
}
