// ISgetEvtCounts, ISgetDevEvts and ISgetExtEvts. The router keeps few events for a short time
// (150 entries, 15 minutes by default), so pollers read them every cycle.
import type { CmeCaller } from "../caller";
import { batchOrOneByOne, uniqueBy } from "../fallback";
import { mapEventCounts, mapExtensionEvents, mapPhoneEvents } from "../map-events";
import {
  extensionEventSelectorXml,
  phoneEventSelectorXml,
  type ExtensionEventSelector,
  type PhoneEventSelector,
} from "../selectors";
import type { EventCounts, ExtensionEvent, PhoneEvent } from "../types";

/** ISgetEvtCounts. */
export async function getEventCounts(caller: CmeCaller): Promise<EventCounts> {
  return mapEventCounts((await caller.call("ISgetEvtCounts")).response);
}

/** ISgetDevEvts. Overlapping selectors list an event once. */
export async function getPhoneEvents(
  caller: CmeCaller,
  selectors: readonly PhoneEventSelector[],
): Promise<PhoneEvent[]> {
  const fetch = async (some: readonly PhoneEventSelector[]) =>
    mapPhoneEvents((await caller.call("ISgetDevEvts", some.map(phoneEventSelectorXml))).response);
  const events = await batchOrOneByOne(selectors, fetch, (one) => fetch([one]));
  return uniqueBy(events, (event) => JSON.stringify(event));
}

/** ISgetExtEvts. Overlapping selectors list an event once. */
export async function getExtensionEvents(
  caller: CmeCaller,
  selectors: readonly ExtensionEventSelector[],
): Promise<ExtensionEvent[]> {
  const fetch = async (some: readonly ExtensionEventSelector[]) =>
    mapExtensionEvents((await caller.call("ISgetExtEvts", some.map(extensionEventSelectorXml))).response);
  const events = await batchOrOneByOne(selectors, fetch, (one) => fetch([one]));
  return uniqueBy(events, (event) => JSON.stringify(event));
}
