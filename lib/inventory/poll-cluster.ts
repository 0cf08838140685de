// One poll of a Unified CM cluster: sweepCluster for every device (through the cluster's shared
// RisPort budget) and selectCtiItem for the CTI applications, their devices and lines.
import type { InventoryStore } from "@/lib/db/inventory-store";
import type { CtiAppState } from "@/lib/db/inventory-types";
import type { SourceConnection } from "@/lib/db/sources";
import { createRateBudget, DEFAULT_PER_MINUTE, DEFAULT_RESERVE, MAX_PER_MINUTE, realSleep, type Clock, type RateBudget } from "@/lib/risport/budget";
import { createRisportClient, type CtiQueryResult, type RisportClient } from "@/lib/risport/client";
import { sweepCluster } from "@/lib/risport/sweep";
import { isSoapError } from "@/lib/soap";
import { risportNodeUrl } from "@/lib/sources/urls";
import { loadSweepMemory, saveSweepMemory } from "./cluster-memory";
import { PollFailure } from "./health";
import { clusterDevice, ctiApp, ctiListsByApp, lastChangeAt, type CtiLists } from "./map-cucm";
import type { PollProblem, SourceSnapshot } from "./snapshot";

export interface ClusterPollOptions {
  store: InventoryStore;
  clock: Clock;
  /** Latest clock time worth waiting for a budget slot; the poll is partial after it. */
  deadline: number;
  signal?: AbortSignal;
}

/** The cluster's shared, database-backed RisPort budget with its configured rate and reserve. */
export function clusterBudget(source: SourceConnection, store: InventoryStore, clock: Clock): RateBudget {
  const perMinute = Math.min(Math.max(source.budgetPerMinute ?? DEFAULT_PER_MINUTE, 1), MAX_PER_MINUTE);
  const reserve = Math.min(Math.max(source.budgetReserve ?? DEFAULT_RESERVE, 0), perMinute - 1);
  return createRateBudget({ clusterId: source.id, store: store.budgetStore(), perMinute, reserve, clock, sleep: realSleep });
}

function clusterClient(source: SourceConnection, options: ClusterPollOptions): RisportClient {
  const budget = clusterBudget(source, options.store, options.clock);
  return createRisportClient({
    nodes: source.urls.map(risportNodeUrl), username: source.username, password: source.password, tls: source.tls,
    timeoutMs: source.timeoutMs, replyCap: source.replyCap ?? undefined, budget,
  });
}

const answered = (result: CtiQueryResult) => result.nodes.every((node) => node.returnCode === "Ok" || node.returnCode === "NotFound");

/**
 * The applications (Provider class) and what they control (Line class: each line with its
 * device). When the lists cannot be read in full, the stored lists are kept.
 */
async function readCti(client: RisportClient, options: ClusterPollOptions, sourceId: string, problems: PollProblem[], count: () => void) {
  const query = { deadline: options.deadline, signal: options.signal, onAttempt: count };
  let providers: CtiQueryResult;
  try {
    providers = await client.selectCtiItem({ ctiManagerClass: "Provider" }, query);
  } catch (error) {
    options.signal?.throwIfAborted();
    problems.push({ kind: isSoapError(error) ? error.kind : "internal", userMessage: `CTI applications: ${isSoapError(error) ? error.userMessage : "an unexpected error stopped this part of the poll."}` });
    return null;
  }
  let lists: Map<string, CtiLists> | null = null;
  try {
    const lines = await client.selectCtiItem({ ctiManagerClass: "Line" }, query);
    if (!lines.truncated && answered(lines)) lists = ctiListsByApp(lines.items);
    else problems.push({ kind: "partial", userMessage: "CTI applications: not every controlled line could be listed; the stored lists are kept." });
  } catch (error) {
    options.signal?.throwIfAborted();
    problems.push({ kind: isSoapError(error) ? error.kind : "internal", userMessage: `CTI lines: ${isSoapError(error) ? error.userMessage : "an unexpected error stopped this part of the poll."}` });
  }
  const complete = !providers.truncated && answered(providers);
  if (!complete) problems.push({ kind: "partial", userMessage: "CTI applications: not every node answered; none is marked missing." });
  const stored = lists ? null : await storedCtiLists(options.store, sourceId);
  const items = providers.items.map((item): CtiAppState => ctiApp(item, lists ? lists.get(item.appId) : stored?.get(item.appId)));
  return { items, complete };
}

async function storedCtiLists(store: InventoryStore, sourceId: string): Promise<Map<string, CtiLists>> {
  const index = await store.currentIndex("cti", sourceId);
  const rows = await store.currentRows("cti", [...index.values()].map((entry) => entry.id));
  const parse = (text: string) => {
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value : [];
    } catch {
      return [];
    }
  };
  return new Map(rows.map((row) => [row.appId, { devices: parse(row.devices), lines: parse(row.lines) }]));
}

export async function pollCluster(source: SourceConnection, memory: Record<string, unknown>, options: ClusterPollOptions): Promise<SourceSnapshot> {
  const client = clusterClient(source, options);
  let ctiRequests = 0;
  const sweep = await sweepCluster({ client, memory: loadSweepMemory(source.id, memory), deadline: options.deadline, signal: options.signal });
  options.signal?.throwIfAborted();
  if (!sweep.complete && sweep.devices.length === 0) {
    // Nothing confirmed: the poll failed, for the first reason the sweep met.
    const first = sweep.problems[0];
    throw new PollFailure(first?.kind ?? "transport", first?.userMessage ?? "No node of the cluster answered.", { requests: sweep.requests });
  }
  const problems: PollProblem[] = sweep.problems.map((p) => ({ kind: p.kind, userMessage: p.userMessage }));
  for (const node of sweep.nodeOutcomes) {
    if (node.failures > 0) problems.push({ kind: "node", userMessage: `Node ${node.node} did not answer for its devices (${node.lastReturnCode}); their last known state is kept.` });
  }
  if (!sweep.complete && problems.length === 0) problems.push({ kind: "partial", userMessage: "Not every device could be confirmed this time; none is marked missing." });
  const cti = await readCti(client, options, source.id, problems, () => void ctiRequests++);
  return {
    devices: {
      items: sweep.devices.map(clusterDevice),
      complete: sweep.complete,
      // With a node silent, a device registered there may show only its stale copy from another node.
      storedIsNewer: sweep.complete ? undefined : (stored, read) => lastChangeAt(stored) > lastChangeAt(read),
    },
    extensions: null,
    cti,
    routerEvents: [],
    requests: sweep.requests + ctiRequests,
    problems,
    memory: { kind: "cucm", ...saveSweepMemory(source.id, sweep.memory) },
  };
}
