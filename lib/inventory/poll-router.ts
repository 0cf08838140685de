// One poll of a CME/SRST router: every phone (SCCP and SIP) and extension, the router's event log
// since the last entry seen, and its system status. Phones are the poll; every other part that
// fails only makes it partial.
import { failureOf, PollFailure } from "./health";
import { createCmeClient, type CmeClient, type ExtensionEvent, type PhoneEvent } from "@/lib/cme";
import type { RouterEventInput } from "@/lib/db/inventory-store";
import type { SourceConnection } from "@/lib/db/sources";
import { isSoapError } from "@/lib/soap";
import { phoneNamesByTag, routerDevice, routerExtension } from "./map-cme";
import type { PollProblem, SourceSnapshot } from "./snapshot";

/** What a router poll remembers (SourceHealth.memory). */
export interface RouterMemory {
  /** The newest event-log ids stored, per kind; null before the first poll or on routers that do not number events. */
  deviceEventId: number | null;
  extensionEventId: number | null;
  /** The router's system status as last read, for the source page. */
  system?: Record<string, unknown>;
}

export function readRouterMemory(memory: Record<string, unknown>): RouterMemory {
  const id = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null);
  return { deviceEventId: id(memory.deviceEventId), extensionEventId: id(memory.extensionEventId), system: memory.system as Record<string, unknown> | undefined };
}

function problemOf(part: string, error: unknown): PollProblem {
  if (isSoapError(error)) return { kind: error.kind, userMessage: `${part}: ${error.userMessage}` };
  return { kind: "internal", userMessage: `${part}: an unexpected error stopped this part of the poll.` };
}

/** Runs an optional part; its failure is recorded, never thrown (unless the poll was stopped). */
async function part<T>(name: string, problems: PollProblem[], signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T | null> {
  signal?.throwIfAborted();
  try {
    return await run();
  } catch (error) {
    signal?.throwIfAborted();
    problems.push(problemOf(name, error));
    return null;
  }
}

type Kind = "device" | "extension";

/**
 * The events after the last one stored. Asking from the last id (inclusive) and getting nothing
 * back while the router holds events means its ids started again (a reload): read them all.
 */
async function newEvents<E extends PhoneEvent | ExtensionEvent>(held: number, lastId: number | null, fetch: (selector: { eventId: number } | { keyword: "all" }) => Promise<E[]>): Promise<E[]> {
  if (held === 0) return [];
  if (lastId === null) return fetch({ keyword: "all" });
  const since = await fetch({ eventId: lastId });
  if (since.length > 0) return since.filter((event) => event.eventId === null || event.eventId > lastId);
  return fetch({ keyword: "all" });
}

function routerEvent(kind: Kind, event: PhoneEvent | ExtensionEvent): RouterEventInput {
  const subject = "name" in event
    ? event.name ?? `ephone-${event.ephoneTag ?? "?"}`
    : event.number ?? `dn-${event.extensionTag ?? "?"}`;
  const type = "type" in event ? event.type ?? "" : "";
  const status = event.status ?? "";
  const routerTime = event.time === null ? "" : String(event.time);
  // Routers that do not number events: subject, status and time identify the entry instead.
  const eventId = event.eventId === null ? `${subject}|${status}|${routerTime}` : String(event.eventId);
  return { kind, eventId, routerTime, subject, type, status };
}

const newest = (events: Array<{ eventId: number | null }>, previous: number | null) =>
  events.reduce<number | null>((max, e) => (e.eventId !== null && (max === null || e.eventId > max) ? e.eventId : max), previous);

export async function readEventLog(client: Pick<CmeClient, "getEventCounts" | "getPhoneEvents" | "getExtensionEvents">, memory: RouterMemory) {
  const counts = await client.getEventCounts();
  const phones = await newEvents(counts.phoneEvents, memory.deviceEventId, (s) => client.getPhoneEvents(s));
  const extensions = await newEvents(counts.extensionEvents, memory.extensionEventId, (s) => client.getExtensionEvents(s));
  const reset = (events: Array<{ eventId: number | null }>, last: number | null) => last !== null && events.length > 0 && events.every((e) => e.eventId !== null && e.eventId < last);
  return {
    events: [...phones.map((e) => routerEvent("device", e)), ...extensions.map((e) => routerEvent("extension", e))],
    // After a reload the ids start low again: the newest of this read replaces the old mark.
    deviceEventId: newest(phones, reset(phones, memory.deviceEventId) ? null : memory.deviceEventId),
    extensionEventId: newest(extensions, reset(extensions, memory.extensionEventId) ? null : memory.extensionEventId),
  };
}

export async function pollRouter(source: SourceConnection, memoryJson: Record<string, unknown>, signal?: AbortSignal): Promise<SourceSnapshot> {
  const memory = readRouterMemory(memoryJson);
  const baseUrl = source.urls[0];
  if (!baseUrl) throw new Error("the router has no URL");
  const client = createCmeClient({ baseUrl, username: source.username, password: source.password, tls: source.tls, timeoutMs: source.timeoutMs });
  const problems: PollProblem[] = [];

  signal?.throwIfAborted();
  // Phones first: if they cannot be read, the poll failed and the error says why.
  const phones = await client.getPhones([{ keyword: "all" }, { sipKeyword: "all" }]).catch((error: unknown) => {
    signal?.throwIfAborted();
    // The poll failed, but its requests were sent: the Poll row counts them. (Our own faults go up
    // as they are, so the log names them.)
    if (!isSoapError(error)) throw error;
    const failure = failureOf(error);
    throw new PollFailure(failure.kind, failure.userMessage, { ...failure.options, requests: client.roundTrips });
  });
  const extensions = await part("Extensions", problems, signal, () => client.getExtensions([{ keyword: "all" }, { sipKeyword: "all" }]));
  const system = await part("System status", problems, signal, () => client.getSystemStatus());
  // SRST and SCCP-only routers may have no SIP side at all; only a network failure counts.
  const sip = await client.getSipSystemStatus().catch((error: unknown) => {
    signal?.throwIfAborted();
    if (isSoapError(error) && (error.kind === "timeout" || error.kind === "transport")) problems.push(problemOf("SIP status", error));
    return null;
  });
  const log = await part("Event log", problems, signal, () => readEventLog(client, memory));

  const node = system?.hostName ?? source.name;
  const names = phoneNamesByTag(phones);
  return {
    devices: { items: phones.map((phone) => routerDevice(phone, node)), complete: true },
    extensions: extensions ? { items: extensions.map((extension) => routerExtension(extension, names)), complete: true } : null,
    cti: null,
    routerEvents: log?.events ?? [],
    requests: client.roundTrips,
    problems,
    memory: {
      kind: "cme",
      deviceEventId: log ? log.deviceEventId : memory.deviceEventId,
      extensionEventId: log ? log.extensionEventId : memory.extensionEventId,
      system: system
        ? {
          hostName: system.hostName, mode: system.mode, version: system.version, address: system.address,
          registeredPhones: system.registeredPhones, configuredPhones: system.configuredPhones, maxPhones: system.maxPhones,
          configuredExtensions: system.configuredExtensions, maxExtensions: system.maxExtensions,
          sip: sip ? { maxPools: sip.maxPools, maxExtensions: sip.maxExtensions, mode: sip.mode, version: sip.version } : null,
        }
        : memory.system ?? null,
    },
  };
}
