// Refresh now: one phone read again from each source that reports it, while a person waits. A
// router gets one ISgetDevice by name; a cluster one RisPort lookup through its shared budget,
// never waiting for a slot. What comes back is stored through the pollers' mapping and diff, for
// that one device only: nothing else is touched and nothing is marked missing.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { phoneRefreshResultSchema } from "@/lib/api/contracts/phone-refresh";
import type { Actor } from "@/lib/db/audit";
import { createInventoryStore, type InventoryStore } from "@/lib/db/inventory-store";
import type { DeviceState } from "@/lib/db/inventory-types";
import { findDeviceRecords } from "@/lib/db/phones";
import { sourceConnection, type SourceConnection } from "@/lib/db/sources";
import { notFound } from "@/lib/errors";
import { normaliseMac } from "@/lib/domain/mac";
import { log } from "@/lib/log";
import { BudgetSpent, type BudgetAnswer, type Clock, type RateBudget } from "@/lib/risport/budget/budget";
import { isSoapError } from "@/lib/soap";
import { SecretKeyError } from "@/lib/secrets/source-passwords";
import { storeSnapshot } from "./apply";
import { identityOfName, recomputeIdentities } from "./effective/recompute";
import { routerDevice } from "./map-cme";
import { clusterDevice, lastChangeAt } from "./map-cucm";
import { clusterBudget, clusterClient, routerClient } from "./clients";

export type PhoneRefreshResult = z.infer<typeof phoneRefreshResultSchema>;

export interface RefreshOptions {
  store?: InventoryStore;
  /** Clock in epoch ms for the cluster budget; tests inject one. */
  now?: Clock;
}

interface StoredRecord {
  name: string;
  node: string;
  sourceId: string;
  sourceName: string;
  kind: "cme" | "cucm";
}

type Read =
  | {
      found: true;
      device: DeviceState;
      storedIsNewer?: (stored: DeviceState, read: DeviceState) => boolean;
      budget?: PhoneRefreshResult["budget"];
    }
  | { found: false; message: string; budget?: PhoneRefreshResult["budget"] };

const sameName = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

async function readFromRouter(source: SourceConnection, record: StoredRecord): Promise<Read> {
  const client = routerClient(source);
  const phones = await client.getPhones({ name: record.name });
  const phone = phones.find((p) => p.name !== null && sameName(p.name, record.name));
  if (!phone) return { found: false, message: `${source.name} does not report ${record.name} now.` };
  // The node (router host name) comes from the last poll's system status, which this lookup does not read.
  return { found: true, device: routerDevice(phone, record.node || source.name) };
}

/** The budget with the answer of its last take kept, so the caller can say how many requests are left. */
function watchedBudget(budget: RateBudget) {
  let last: BudgetAnswer | null = null;
  const watched: RateBudget = {
    clusterId: budget.clusterId,
    limit: budget.limit,
    windowMs: budget.windowMs,
    clock: budget.clock,
    tryTake: async () => (last = await budget.tryTake()),
    take: (options) => budget.take(options),
    rateLimited: (retryAfterMs) => budget.rateLimited(retryAfterMs),
    pausedUntil: () => budget.pausedUntil(),
  };
  return { budget: watched, remaining: () => (last?.granted ? last.remaining : 0) };
}

async function readFromCluster(
  source: SourceConnection,
  record: StoredRecord,
  store: InventoryStore,
  clock: Clock,
): Promise<Read> {
  const watched = watchedBudget(clusterBudget(source, store.budgetStore(), clock));
  const client = clusterClient(source, watched.budget);
  const reply = await client.selectCmDeviceExt(
    { selectBy: "Name", selectItems: [record.name], maxReturnedDevices: 10 },
    { wait: false },
  );
  const budget = { remaining: watched.remaining() };
  const device = reply.devices.find((d) => sameName(d.name, record.name));
  if (!device) return { found: false, message: `${source.name} does not report ${record.name} now.`, budget };
  const everyNode = reply.nodes.every((n) => n.returnCode === "Ok" || n.returnCode === "NotFound");
  return {
    found: true,
    device: clusterDevice(device),
    budget,
    // With a node silent, the copy read may be an older one than the stored record: keep the stored one then.
    storedIsNewer: everyNode ? undefined : (stored, read) => lastChangeAt(stored) > lastChangeAt(read),
  };
}

const remainingWords = (budget: PhoneRefreshResult["budget"]) =>
  budget ? ` — ${budget.remaining} ${budget.remaining === 1 ? "request" : "requests"} left this minute` : "";

async function refreshRecord(record: StoredRecord, store: InventoryStore, clock: Clock): Promise<PhoneRefreshResult> {
  const base = { sourceId: record.sourceId, sourceName: record.sourceName, kind: record.kind };
  try {
    const source = await sourceConnection(record.sourceId);
    if (!source.enabled)
      return { ...base, outcome: "failed", message: `${source.name} is disabled; enable it to read from it.` };
    const read =
      source.kind === "cme"
        ? await readFromRouter(source, record)
        : await readFromCluster(source, record, store, clock);
    if (!read.found)
      return { ...base, outcome: "not-found", message: read.message, ...(read.budget ? { budget: read.budget } : {}) };
    // A refresh has no Poll row; its change events carry an id of their own.
    const at = new Date(clock());
    const stored = await storeSnapshot(
      store,
      { sourceId: record.sourceId, pollId: `refresh-${randomUUID()}`, at },
      {
        devices: { items: [read.device], complete: false, storedIsNewer: read.storedIsNewer },
        extensions: null,
        cti: null,
        routerEvents: [],
        requests: 1,
        problems: [],
        memory: {},
      },
    );
    const updated = stored.changed > 0;
    // The phone's effective state follows what was just read, not the next poll.
    if (updated) await recomputeIdentities([identityOfName(record.name)], at);
    return {
      ...base,
      outcome: updated ? "updated" : "unchanged",
      message: `${updated ? "updated" : "unchanged"}${remainingWords(read.budget)}`,
      registrationStatus: read.device.registrationStatus,
      ...(read.budget ? { budget: read.budget } : {}),
    };
  } catch (error) {
    if (error instanceof BudgetSpent) {
      const next = new Date(error.nextSlotAt);
      return {
        ...base,
        outcome: "budget-spent",
        message: `${error.userMessage} Next slot at ${next.toISOString()}.`,
        budget: { remaining: 0, nextSlotAt: next.toISOString() },
      };
    }
    if (error instanceof SecretKeyError)
      return {
        ...base,
        outcome: "failed",
        message:
          "Linewatch cannot open this source's stored password (its secret key changed); enter the password again.",
      };
    if (isSoapError(error)) return { ...base, outcome: "failed", message: error.userMessage };
    log.error("phone refresh failed", {
      sourceId: record.sourceId,
      name: record.name,
      error: error instanceof Error ? error.message : String(error),
    });
    return { ...base, outcome: "failed", message: "An unexpected error stopped the refresh from this source." };
  }
}

export async function refreshPhone(
  name: string,
  actor: Actor,
  options: RefreshOptions = {},
): Promise<{ name: string; results: PhoneRefreshResult[] }> {
  const store = options.store ?? createInventoryStore();
  const clock = options.now ?? Date.now;
  const rows = await findDeviceRecords(name, normaliseMac(name));
  if (rows.length === 0) throw notFound(`The phone ${name}`);
  // One lookup per source, even if a source somehow holds the name and the MAC as two records.
  const bySource = new Map<string, StoredRecord>();
  for (const row of rows) {
    if (!bySource.has(row.sourceId)) {
      bySource.set(row.sourceId, {
        name: row.name,
        node: row.node,
        sourceId: row.sourceId,
        sourceName: row.source.name,
        kind: row.source.kind === "cucm" ? "cucm" : "cme",
      });
    }
  }
  const results = await Promise.all([...bySource.values()].map((record) => refreshRecord(record, store, clock)));
  log.info("phone refresh", {
    name,
    actor: actor.actor,
    requestId: actor.requestId ?? null,
    results: results.map((r) => ({ source: r.sourceName, outcome: r.outcome })),
  });
  return { name: rows[0]!.name, results };
}
