import { describe, expect, test } from "vitest";
import type { Phone, PhoneEvent, SystemStatus } from "@/lib/cme";
import { RouterRefusal } from "@/lib/cme";
import { ProtocolError } from "@/lib/soap";
import { readEventLog } from "./poll-router";
import { countDoubts, disappearanceDoubts } from "./router-checks";
import { EventLogUnavailable } from "./router-events";
import { readRouterMemory } from "./router-memory";

const event = (eventId: number, name = `SEP00000000000${eventId % 10}`): PhoneEvent => ({
  eventId,
  ephoneTag: 1,
  name,
  time: 1000 + eventId,
  type: "Device",
  status: "registered",
});

/** A router event log reading ISDevEvtID as "from this id on" or "exactly this id", counting the requests. */
function routerLog(events: PhoneEvent[], options: { reading?: "from" | "exact"; allCut?: boolean } = {}) {
  const asked: string[] = [];
  return {
    asked,
    client: {
      getPhoneEvents: async (selector: unknown) => {
        const s = selector as { eventId?: number; keyword?: string };
        asked.push(s.keyword ?? `id ${s.eventId}`);
        if (s.keyword) {
          if (options.allCut) throw new ProtocolError("truncated", "cut");
          return events;
        }
        return events.filter((e) =>
          options.reading === "exact" ? e.eventId === s.eventId : (e.eventId ?? 0) >= (s.eventId ?? 0),
        );
      },
      getExtensionEvents: async () => [],
    },
  };
}

describe("the router's event log", () => {
  test("every poll reads it all; the store keeps each entry once, so nothing depends on how ids are read", async () => {
    const log = routerLog([event(2), event(3), event(4)], { reading: "exact" });
    const read = await readEventLog(log.client as never, { deviceEventId: 3, extensionEventId: null });
    expect(read.events.map((e) => e.eventId)).toEqual(["2", "3", "4"]);
    expect(log.asked).toEqual(["all"]);
    expect(read.deviceEventId).toBe(4);
  });

  test("after a reload the ids start low again and the mark follows them", async () => {
    const read = await readEventLog(routerLog([event(1), event(2)]).client as never, {
      deviceEventId: 40,
      extensionEventId: null,
    });
    expect(read.events.map((e) => e.eventId)).toEqual(["1", "2"]);
    expect(read.deviceEventId).toBe(2);
  });

  test.each(["from", "exact"] as const)(
    "a cut `all` is walked id by id from the last stored, without loss (ids read %s)",
    async (reading) => {
      const log = routerLog([event(5), event(6), event(7), event(8)], { reading, allCut: true });
      const read = await readEventLog(log.client as never, { deviceEventId: 5, extensionEventId: null });
      expect(read.events.map((e) => e.eventId)).toEqual(["6", "7", "8"]);
      expect(read.deviceEventId).toBe(8);
      expect(log.asked).toEqual(reading === "from" ? ["all", "id 6", "id 9"] : ["all", "id 6", "id 7", "id 8", "id 9"]);
    },
  );

  test("a router that refuses its event log says so in plain words", async () => {
    const client = {
      getPhoneEvents: async () => {
        throw new RouterRefusal("ISgetDevEvts", "1", "ISgetDevEvts is not supported");
      },
      getExtensionEvents: async () => [],
    };
    const error = await readEventLog(client as never, { deviceEventId: null, extensionEventId: null }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventLogUnavailable);
    expect((error as EventLogUnavailable).reason).toBe(
      "The router does not offer its event log (The device refused to answer ISgetDevEvts: ISgetDevEvts is not supported); registration history comes from the changes between polls instead.",
    );
  });
});

const phone = (name: string, protocol: "sccp" | "sip" = "sccp") =>
  ({ name, protocol, ephoneTag: 1, poolId: 1 }) as Phone;
const system = (configuredPhones: number, registeredPhones: number) =>
  ({ configuredPhones, registeredPhones }) as SystemStatus;

describe("checks before a phone list may remove anything", () => {
  test("an empty list while the router counts phones is not believed", () => {
    expect(countDoubts([], system(3, 2))).toEqual([
      "The router reports 3 configured and 2 registered phones, but its phone list came back empty.",
    ]);
    expect(countDoubts([], system(0, 0))).toEqual([]);
  });

  test("a list shorter than the router's configured count is not believed; a longer one is (SIP may not be counted)", () => {
    expect(countDoubts([phone("SEP000000000001")], system(2, 0))).toEqual([
      "The router reports 2 configured phones, but its phone list held only 1.",
    ]);
    expect(countDoubts([phone("SEP000000000001"), phone("SEP000000000002", "sip")], system(1, 1))).toEqual([]);
  });

  test("without the system status the count cannot be checked", () => {
    expect(countDoubts([phone("SEP000000000001")], null)).toEqual([
      "The router's system status (ISgetGlobal) could not be read, so its phone count could not be checked.",
    ]);
  });

  test("vanished phones are asked for one by one, at most five", async () => {
    const asked: string[] = [];
    const answers: Record<string, "gone" | "present" | "unsure"> = {
      SEP000000000002: "present",
      SEP000000000003: "unsure",
    };
    const client = { confirmGone: async (p: { name: string }) => (asked.push(p.name), answers[p.name] ?? "gone") };
    const previous = Array.from({ length: 8 }, (_, i) => ({
      name: `SEP00000000000${i + 1}`,
      protocol: "sccp" as const,
      tag: i + 1,
    }));
    expect(await disappearanceDoubts(client, previous, [phone("SEP000000000001")])).toEqual([
      "SEP000000000002 was missing from the router's phone list but answered when asked by name, so the list is not trusted this time.",
      "1 phone(s) missing from the router's phone list could not be confirmed as removed.",
    ]);
    expect(asked).toEqual([
      "SEP000000000002",
      "SEP000000000003",
      "SEP000000000004",
      "SEP000000000005",
      "SEP000000000006",
    ]);
    expect(await disappearanceDoubts({ confirmGone: async () => "gone" }, previous, [])).toEqual([]);
    expect(await disappearanceDoubts(client, null, [])).toEqual([]);
  });

  test("router memory: the learned form, last-seen phones and event-log state survive as JSON", () => {
    const memory = readRouterMemory(
      JSON.parse(
        JSON.stringify({
          dialect: "2010",
          phones: [{ name: "SEP000000000001", protocol: "sip", tag: 3 }, { bad: 1 }],
          eventLogUnavailable: "no",
          deviceEventId: 4,
        }),
      ),
    );
    expect(memory).toMatchObject({
      dialect: "2010",
      phones: [{ name: "SEP000000000001", protocol: "sip", tag: 3 }],
      eventLogUnavailable: "no",
      deviceEventId: 4,
      extensionEventId: null,
    });
    expect(readRouterMemory({})).toMatchObject({ dialect: null, phones: null, eventLogUnavailable: null });
  });
});
