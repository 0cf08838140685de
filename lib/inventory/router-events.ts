// The router's XML event log, read so that no entry is lost whichever way the router reads an event
// id (Cisco's "index number of the event": an index to start from, or one exact event). Every poll
// reads `all` (the ring holds 150 entries by default) and the store keeps each entry once, keyed by
// kind, id and router time. Only when `all` comes back cut is the log walked id by id, from the
// last id stored, which works in both readings.
import type { CmeClient, ExtensionEvent, PhoneEvent } from "@/lib/cme";
import { isCutReply, isRefusal } from "@/lib/cme";
import type { RouterEventInput } from "@/lib/db/inventory-store";
import type { RouterMemory } from "./router-memory";

type Kind = "device" | "extension";
type Selector = { eventId: number } | { keyword: "all" };

/** Bounds the id-by-id walk: the router holds 150 entries by default (`log table max-size`). */
const MAX_WALK_REQUESTS = 1000;

/** A router that does not offer its event log (the newer guide no longer lists these methods). */
export class EventLogUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "EventLogUnavailable";
  }
}

async function walkFrom<E extends { eventId: number | null }>(
  lastId: number | null,
  fetch: (selector: Selector) => Promise<E[]>,
): Promise<E[]> {
  const found = new Map<number, E>();
  let next = (lastId ?? 0) + 1;
  for (let request = 0; request < MAX_WALK_REQUESTS; request++) {
    const events = (await fetch({ eventId: next })).filter((event) => event.eventId !== null && event.eventId >= next);
    if (events.length === 0) break;
    for (const event of events) found.set(event.eventId!, event);
    next = Math.max(...events.map((event) => event.eventId!)) + 1;
  }
  return [...found.values()];
}

async function allEvents<E extends { eventId: number | null }>(
  lastId: number | null,
  fetch: (selector: Selector) => Promise<E[]>,
): Promise<E[]> {
  try {
    return await fetch({ keyword: "all" });
  } catch (error) {
    if (isRefusal(error) && !isCutReply(error)) throw new EventLogUnavailable(refusalWords(error));
    if (!isCutReply(error)) throw error;
  }
  return walkFrom(lastId, fetch);
}

function refusalWords(error: unknown): string {
  const said = (error as { userMessage?: string }).userMessage;
  return `The router does not offer its event log${said ? ` (${said.replace(/\.$/, "")})` : ""}; registration history comes from the changes between polls instead.`;
}

function routerEvent(kind: Kind, event: PhoneEvent | ExtensionEvent): RouterEventInput {
  const subject =
    "name" in event
      ? (event.name ?? `ephone-${event.ephoneTag ?? "?"}`)
      : (event.number ?? `dn-${event.extensionTag ?? "?"}`);
  const type = "type" in event ? (event.type ?? "") : "";
  const status = event.status ?? "";
  const routerTime = event.time === null ? "" : String(event.time);
  // Routers that do not number events: subject, status and time identify the entry instead.
  const eventId = event.eventId === null ? `${subject}|${status}|${routerTime}` : String(event.eventId);
  return { kind, eventId, routerTime, subject, type, status };
}

const newest = (events: Array<{ eventId: number | null }>, previous: number | null) =>
  events.reduce<number | null>(
    (max, e) => (e.eventId !== null && (max === null || e.eventId > max) ? e.eventId : max),
    null,
  ) ?? previous;

/**
 * Every entry the router holds (the store drops those already kept). The newest id read becomes
 * the mark for the id-by-id walk; after a reload the ids start low again and the mark follows.
 */
export async function readEventLog(
  client: Pick<CmeClient, "getPhoneEvents" | "getExtensionEvents">,
  memory: Pick<RouterMemory, "deviceEventId" | "extensionEventId">,
) {
  const phones = await allEvents(memory.deviceEventId, (s) => client.getPhoneEvents(s));
  const extensions = await allEvents(memory.extensionEventId, (s) => client.getExtensionEvents(s));
  return {
    events: [...phones.map((e) => routerEvent("device", e)), ...extensions.map((e) => routerEvent("extension", e))],
    deviceEventId: newest(phones, memory.deviceEventId),
    extensionEventId: newest(extensions, memory.extensionEventId),
  };
}
