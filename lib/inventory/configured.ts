// The configured inventory in a cluster poll. AXL lists every device the cluster has configured
// (registered or not, with device pool, location, owner and lines); it is read on its own schedule
// (every 6 hours by default, sooner when an admin asks) and stored apart. Each poll then sweeps
// exactly those names and merges what RisPort says with what the configuration says:
// - a device RisPort reports gets its device pool and location (and owner or description when
//   RisPort has none);
// - a configured device RisPort has never reported is "never-registered";
// - one RisPort reported once and no longer does keeps its last state for the organisation's
//   number of days, then reads "not-seen".
// Only a complete sweep says what RisPort does not report; an AXL failure keeps the stored list.
import type { ConfiguredDeviceState, InventoryStore } from "@/lib/db/inventory-store";
import type { DeviceState } from "@/lib/db/inventory-types";
import type { SourceConnection } from "@/lib/db/sources";
import type { ConfiguredDevice } from "@/lib/axl/configured";
import { DEFAULT_CONFIGURED_INTERVAL_S } from "@/lib/domain/source";
import { macOf } from "@/lib/domain/mac";
import { parseJsonObject } from "@/lib/domain/json";
import { isSoapError } from "@/lib/soap";
import { log } from "@/lib/log";
import { axlClient } from "./axl-client";
import { dnIndexOf } from "./identity";
import { deviceStateOf } from "./snapshot";
import type { PollProblem } from "./snapshot";

/** After a failed read, the next try waits this long unless an admin asks (AXL is the publisher's). */
export const CONFIGURED_RETRY_MS = 15 * 60_000;
/** A configured read of 40,000 devices takes tens of requests: each may take longer than a RisPort one. */
const AXL_TIMEOUT_MS = 120_000;

class EmptyConfiguredRead extends Error {
  constructor() {
    super("the cluster listed no configured devices, though it had some at the last read.");
  }
}

export interface ConfiguredForPoll {
  /** The configured devices to merge, or null when the source has no AXL or nothing was ever read. */
  devices: ConfiguredDeviceState[] | null;
  problem: PollProblem | null;
  /** What the poll keeps in its memory for the next one. */
  memory: { configuredTriedAt?: number };
}

export type ReadConfigured = (source: SourceConnection, signal?: AbortSignal) => Promise<ConfiguredDevice[]>;

const readThroughAxl: ReadConfigured = async (source, signal) => {
  if (!source.axl) return [];
  const client = axlClient(
    { tls: source.tls, timeoutMs: source.timeoutMs, axl: source.axl },
    { timeoutMs: Math.max(source.timeoutMs, AXL_TIMEOUT_MS) },
  );
  return client.configuredDevices(signal);
};

const text = (value: string | null | undefined) => (value ?? "").trim();

export function configuredState(device: ConfiguredDevice): ConfiguredDeviceState {
  return {
    name: device.name,
    deviceClass: text(device.deviceClass),
    model: text(device.model),
    protocol: text(device.protocol),
    description: text(device.description),
    devicePool: text(device.devicePool),
    location: text(device.location),
    ownerUser: text(device.owner),
    lines: device.lines.map((line) => ({ index: line.index, dn: line.dn })),
  };
}

/** Reads the configuration when due, and returns the list to merge (stored, or just read). */
export async function configuredForPoll(
  source: SourceConnection,
  memory: Record<string, unknown>,
  options: { store: InventoryStore; now: number; signal?: AbortSignal; read?: ReadConfigured },
): Promise<ConfiguredForPoll> {
  if (source.kind !== "cucm" || !source.axl) return { devices: null, problem: null, memory: {} };
  const { store, now } = options;
  const schedule = await store.configuredSchedule(source.id);
  const intervalMs = (source.configuredIntervalS ?? DEFAULT_CONFIGURED_INTERVAL_S) * 1000;
  const requested =
    schedule.requestedAt !== null && (schedule.readAt === null || schedule.requestedAt > schedule.readAt);
  const triedAt = typeof memory.configuredTriedAt === "number" ? memory.configuredTriedAt : null;
  const due =
    requested ||
    ((schedule.readAt === null || now - schedule.readAt.getTime() >= intervalMs) &&
      (triedAt === null || now - triedAt >= CONFIGURED_RETRY_MS));
  let problem: PollProblem | null = null;
  let readNow = false;
  let kept = triedAt === null ? {} : { configuredTriedAt: triedAt };
  if (due) {
    kept = { configuredTriedAt: now };
    try {
      const listed = (await (options.read ?? readThroughAxl)(source, options.signal)).map(configuredState);
      // An empty answer from a cluster that had devices is a read gone wrong (a role without the
      // device tables, a changed schema), not every phone deleted: nothing is marked missing.
      if (listed.length === 0 && (schedule.count ?? 0) > 0) throw new EmptyConfiguredRead();
      await store.storeConfiguredDevices(source.id, listed, new Date(now));
      readNow = true;
      kept = {};
    } catch (error) {
      options.signal?.throwIfAborted();
      if (!isSoapError(error) && !(error instanceof EmptyConfiguredRead))
        log.error("configured inventory read failed", { sourceId: source.id, error: String(error) });
      const message = isSoapError(error)
        ? error.userMessage
        : error instanceof EmptyConfiguredRead
          ? error.message
          : "an unexpected error stopped the read (see the server log).";
      await store.recordConfiguredFailure(source.id, `AXL: ${message}`);
      problem = {
        kind: isSoapError(error) ? error.kind : "internal",
        userMessage: `Configured devices (AXL): ${message.replace(/\.$/, "")}; the stored list is kept.`,
      };
    }
  }
  const stored = await store.configuredDevices(source.id);
  // A cluster read in full before (or just now) has a list, even an empty one; never read: none yet.
  const everRead = readNow || schedule.readAt !== null || stored.length > 0;
  return { devices: everRead ? stored : null, problem, memory: kept };
}

/** A device RisPort reported, with what only the configuration knows. */
export function withConfiguration(device: DeviceState, configured: ConfiguredDeviceState | undefined): DeviceState {
  if (!configured) return device;
  return {
    ...device,
    devicePool: configured.devicePool,
    location: configured.location,
    userName: device.userName || configured.ownerUser,
    description: device.description || configured.description,
  };
}

function neverRegistered(device: ConfiguredDeviceState): DeviceState {
  const lines = [...device.lines].sort((a, b) => a.index - b.index);
  const numbers = lines.map((line) => line.dn).filter(Boolean);
  return {
    name: device.name,
    mac: macOf(device.name),
    deviceClass: device.deviceClass || "Phone",
    model: device.model,
    protocol: device.protocol,
    description: device.description,
    devicePool: device.devicePool,
    location: device.location,
    userName: device.ownerUser,
    registrationStatus: "never-registered",
    statusReason: "Configured on the cluster; RisPort has never reported it",
    ipAddress: "",
    ipv6Address: "",
    firmware: "",
    node: "",
    keyPhone: null,
    primaryDn: numbers[0] ?? "",
    lineCount: lines.length,
    dnIndex: dnIndexOf(numbers),
    lines: JSON.stringify(lines.map((line) => ({ dn: line.dn, status: "unknown" }))),
    detail: JSON.stringify({ configured: true }),
  };
}

const DAY_MS = 86_400_000;

/**
 * The configured devices a complete sweep did not find, as records to store: never registered,
 * kept as they were (with when RisPort stopped reporting them), or not seen for `days` days.
 */
export async function unseenConfigured(
  store: InventoryStore,
  sourceId: string,
  configured: readonly ConfiguredDeviceState[],
  found: ReadonlySet<string>,
  at: { now: number; notSeenDays: number },
): Promise<DeviceState[]> {
  const unseen = configured.filter((device) => !found.has(device.name.toUpperCase()));
  if (unseen.length === 0) return [];
  const index = await store.currentIndex("device", sourceId);
  const byKey = new Map([...index.values()].map((entry) => [entry.subject.toUpperCase(), entry]));
  const seenBefore = unseen.flatMap((device) => {
    const entry = byKey.get(device.name.toUpperCase());
    return entry && entry.status !== "never-registered" ? [entry.id] : [];
  });
  const rows = new Map(
    (await store.currentRows("device", seenBefore)).map((row) => [row.name.toUpperCase(), row] as const),
  );
  return unseen.map((device) => {
    const row = rows.get(device.name.toUpperCase());
    if (!row) return neverRegistered(device);
    const state = withConfiguration(deviceStateOf(row), device);
    if (state.registrationStatus === "not-seen") return state;
    const detail = parseJsonObject(state.detail);
    const since = typeof detail.unseenSince === "number" ? detail.unseenSince : at.now;
    if (at.now - since >= at.notSeenDays * DAY_MS)
      return {
        ...state,
        registrationStatus: "not-seen",
        statusReason: `Not seen by RisPort for ${at.notSeenDays} days`,
        detail: JSON.stringify({ ...detail, unseenSince: since }),
      };
    return since === detail.unseenSince
      ? state
      : { ...state, detail: JSON.stringify({ ...detail, unseenSince: since }) };
  });
}
