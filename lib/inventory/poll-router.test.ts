import { describe, expect, test } from "vitest";
import type { PhoneEvent } from "@/lib/cme";
import { readEventLog } from "./poll-router";

const event = (eventId: number, name = `SEP00000000000${eventId % 10}`): PhoneEvent => ({ eventId, ephoneTag: 1, name, time: 1000 + eventId, type: "Device", status: "registered" });

/** A router event log answering "from this id on" and "all", counting the requests. */
function routerLog(events: PhoneEvent[]) {
  const asked: string[] = [];
  return {
    asked,
    client: {
      getEventCounts: async () => ({ phoneEvents: events.length, extensionEvents: 0 }),
      getPhoneEvents: async (selector: unknown) => {
        const s = selector as { eventId?: number; keyword?: string };
        asked.push(s.keyword ?? `from ${s.eventId}`);
        return s.keyword ? events : events.filter((e) => (e.eventId ?? 0) >= (s.eventId ?? 0));
      },
      getExtensionEvents: async () => [],
    },
  };
}

describe("the router's event log", () => {
  test("the first poll reads it all; later ones only what came after the last event stored", async () => {
    const log = routerLog([event(1), event(2), event(3)]);
    const first = await readEventLog(log.client as never, { deviceEventId: null, extensionEventId: null });
    expect(first).toMatchObject({ deviceEventId: 3 });
    expect(first.events.map((e) => e.eventId)).toEqual(["1", "2", "3"]);
    const later = routerLog([event(2), event(3), event(4)]);
    const next = await readEventLog(later.client as never, { deviceEventId: 3, extensionEventId: null });
    expect(next.events.map((e) => e.eventId)).toEqual(["4"]);
    expect(later.asked).toEqual(["from 3"]);
    expect(next.deviceEventId).toBe(4);
  });

  test("a router whose ids started again (reload) is read in full and its ids taken as they are", async () => {
    const reloaded = routerLog([event(1), event(2)]);
    const read = await readEventLog(reloaded.client as never, { deviceEventId: 40, extensionEventId: null });
    expect(reloaded.asked).toEqual(["from 40", "all"]);
    expect(read.events.map((e) => e.eventId)).toEqual(["1", "2"]);
    expect(read.deviceEventId).toBe(2);
  });

  test("an empty log costs one request", async () => {
    const empty = routerLog([]);
    expect(await readEventLog(empty.client as never, { deviceEventId: 7, extensionEventId: 2 })).toEqual({ events: [], deviceEventId: 7, extensionEventId: 2 });
    expect(empty.asked).toEqual([]);
  });
});
