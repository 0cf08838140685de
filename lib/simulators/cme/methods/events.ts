// The XML event log: ISgetEvtCounts, ISgetDevEvts, ISgetExtEvts. An ISDevEvtID / ISExtEvtID in the
// request means "from this event on" (or exactly that event, behaviour.eventIdReading); phone or number selectors narrow it, "all" (or none) keeps all.
import type { DeviceEvent, ExtensionEvent } from "../events";
import { normalizeMac } from "../model";
import { branch, leaf, simpleReply } from "../replies";
import type { RequestParam } from "../request";
import { tagValue, type MethodContext, type MethodHandler } from "./context";

export const getEventCounts: MethodHandler = (_params, { state }) =>
  simpleReply([
    leaf("ISDevEvtCount", state.events.devices.count()),
    leaf("ISExtEvtCount", state.events.extensions.count()),
  ]);

export const getDeviceEvents: MethodHandler = (params, context) => {
  const selection = readSelection(params, "ISDevEvtID", "ISDevID");
  const macs = new Set([...selection.names].map((name) => normalizeMac(name) ?? name));
  const wanted = (event: DeviceEvent) =>
    selection.all ||
    (event.protocol === "sccp" && selection.tags.has(event.deviceTag)) ||
    macs.has(normalizeMac(event.deviceName) ?? "");
  const events = context.state.events.devices
    .list()
    .filter((event) => idMatches(event.id, selection, context) && wanted(event));
  return simpleReply(events.map((event) => renderDeviceEvent(event, context)));
};

export const getExtensionEvents: MethodHandler = (params, context) => {
  const selection = readSelection(params, "ISExtEvtID", "ISExtID");
  const wanted = (event: ExtensionEvent) =>
    selection.all ||
    (event.protocol === "sccp" && selection.tags.has(event.extensionTag)) ||
    selection.names.has(event.number);
  const events = context.state.events.extensions
    .list()
    .filter((event) => idMatches(event.id, selection, context) && wanted(event));
  return simpleReply(events.map((event) => renderExtensionEvent(event, context)));
};

/** The seed says "the index number of the event": read as "from it on", or (behaviour) as exactly it. */
function idMatches(id: number, selection: Selection, context: MethodContext): boolean {
  if (selection.fromId === null) return true;
  return context.behaviour.eventIdReading === "exact" ? id === selection.fromId : id >= selection.fromId;
}

interface Selection {
  /** The event id asked for; null when the request names none. */
  fromId: number | null;
  all: boolean;
  tags: Set<number>;
  /** Device names / MACs, or directory numbers. */
  names: Set<string>;
}

function readSelection(params: readonly RequestParam[], idName: string, tagName: string): Selection {
  const selection: Selection = { fromId: null, all: false, tags: new Set(), names: new Set() };
  for (const param of params) {
    const value = param.value.trim();
    if (param.name === idName) selection.fromId = tagValue(param);
    else if (param.name === tagName) selection.tags.add(tagValue(param));
    else if (value === "all") selection.all = true;
    else selection.names.add(value);
  }
  // Naming no phone (or number) at all means every one.
  if (selection.tags.size === 0 && selection.names.size === 0) selection.all = true;
  return selection;
}

// The seed's events carry no id of their own; we add ISDevEvtID / ISExtEvtID (the request's own
// names) first in each event so a poller can ask "from id N on" next time.
function renderDeviceEvent(event: DeviceEvent, { state }: MethodContext): string {
  return branch("ISDevEvent", [
    leaf("ISDevEvtID", event.id),
    leaf("ISDevID", event.deviceTag),
    leaf("ISDevName", event.deviceName),
    leaf("ISDevEventTime", state.uptimeSeconds(event.at)),
    leaf("ISDevEventType", event.type),
    leaf("ISDevStatus", event.status),
  ]);
}

/** Clean replies say ISExtID / ISExtNumber; the seed's own example (the quirk) says ISextID / ISextNumber. */
function renderExtensionEvent(event: ExtensionEvent, { state, quirks }: MethodContext): string {
  const lowerCase = quirks.has("lowercase-event-fields");
  return branch("ISExtEvent", [
    leaf("ISExtEvtID", event.id),
    leaf(lowerCase ? "ISextID" : "ISExtID", event.extensionTag),
    leaf(lowerCase ? "ISextNumber" : "ISExtNumber", event.number),
    leaf("ISExtEventTime", state.uptimeSeconds(event.at)),
    leaf("ISExtStatusChangeEvent", event.status),
  ]);
}
