// ISgetEvtCounts, ISgetDevEvts and ISgetExtEvts replies -> event counts and event history.
import { ProtocolError, type XmlObject } from "@/lib/soap";
import { extensionStatus, integer, registrationStatus, text, textOf } from "./convert";
import { entities, payload } from "./envelope";
import type { EventCounts, ExtensionEvent, PhoneEvent } from "./types";

export function mapEventCounts(response: XmlObject): EventCounts {
  const counts = payload(response, ["ISEvtCounts", "ISEventCounts"]);
  const phoneEvents = integer(counts, "ISDevEvtCount");
  const extensionEvents = integer(counts, "ISExtEvtCount");
  if (phoneEvents === null || extensionEvents === null) {
    throw new ProtocolError("unexpected-shape", "ISgetEvtCounts reply lacks ISDevEvtCount or ISExtEvtCount");
  }
  return { phoneEvents, extensionEvents };
}

export function mapPhoneEvents(response: XmlObject): PhoneEvent[] {
  return entities(response, ["ISDevEvent", "ISDevEvt"], ["ISDevEvents", "ISDevEvts"]).map((event) => ({
    eventId: integer(event, "ISDevEvtID"),
    ephoneTag: integer(event, "ISDevID"),
    name: text(event, "ISDevName"),
    time: integer(event, "ISDevEventTime", "ISDevEvtTime"),
    type: text(event, "ISDevEventType"),
    status: registrationStatus(text(event, "ISDevStatus")),
  }));
}

export function mapExtensionEvents(response: XmlObject): ExtensionEvent[] {
  return entities(response, ["ISExtEvent", "ISExtEvt"], ["ISExtEvents", "ISExtEvts"]).map((event) => ({
    eventId: integer(event, "ISExtEvtID"),
    extensionTag: integer(event, "ISExtID"),
    number: text(event, "ISExtNumber"),
    time: integer(event, "ISExtEventTime", "ISExtEvtTime"),
    status: extensionStatus(textOf(event, "ISExtStatusChangeEvent", "ISExtStatus")),
  }));
}
