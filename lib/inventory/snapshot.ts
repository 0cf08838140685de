// What one poll read from a source, before it is compared with the stored state: the records
// in the stored shape, whether each list is complete (only a complete list may mark records
// missing), router event-log entries, and the memory the next poll starts from.
import type { RouterEventInput } from "@/lib/db/inventory-store";
import type { CtiAppState, DeviceState, ExtensionState, StateOf, SubjectKind } from "@/lib/db/inventory-types";
import { fingerprintOf } from "./identity";

export interface ObservedList<T> {
  items: T[];
  /** Every record the source holds was read: records not in `items` are missing. */
  complete: boolean;
  /** True when the stored record is newer than the one read, which is then ignored (a node holding the newer one did not answer). */
  storedIsNewer?: (stored: T, read: T) => boolean;
}

/** A part of the poll that did not succeed, in plain words. */
export interface PollProblem {
  /** The SoapError kind (auth, timeout, transport, rate-limited, ...) or what the poller names it. */
  kind: string;
  userMessage: string;
}

export interface SourceSnapshot {
  /** null when that part could not be read this time: the stored records stay as they are. */
  devices: ObservedList<DeviceState> | null;
  extensions: ObservedList<ExtensionState> | null;
  cti: ObservedList<CtiAppState> | null;
  routerEvents: RouterEventInput[];
  requests: number;
  problems: PollProblem[];
  /** SourceHealth.memory for the next poll. */
  memory: Record<string, unknown>;
}

const deviceFields = [
  "name",
  "mac",
  "deviceClass",
  "model",
  "protocol",
  "description",
  "userName",
  "registrationStatus",
  "statusReason",
  "ipAddress",
  "ipv6Address",
  "firmware",
  "node",
  "keyPhone",
  "primaryDn",
  "lineCount",
  "dnIndex",
  "lines",
  "detail",
  "devicePool",
  "location",
] as const satisfies readonly (keyof DeviceState)[];
const extensionFields = [
  "key",
  "tag",
  "number",
  "secondaryNumber",
  "kind",
  "type",
  "status",
  "callStatus",
  "lineMode",
  "firstName",
  "lastName",
  "forwardAll",
  "devices",
  "detail",
] as const satisfies readonly (keyof ExtensionState)[];
const ctiFields = [
  "appId",
  "userId",
  "address",
  "status",
  "reason",
  "node",
  "devices",
  "lines",
  "detail",
] as const satisfies readonly (keyof CtiAppState)[];

// A column added to a model must be added to its list, or it would never count as a change.
type Exhaustive<T, L extends readonly unknown[]> = Exclude<keyof T, L[number]> extends never ? true : never;
const covered: [
  Exhaustive<DeviceState, typeof deviceFields>,
  Exhaustive<ExtensionState, typeof extensionFields>,
  Exhaustive<CtiAppState, typeof ctiFields>,
] = [true, true, true];
void covered;

const fieldsOf: { [K in SubjectKind]: readonly (keyof StateOf<K>)[] } = {
  device: deviceFields,
  extension: extensionFields,
  cti: ctiFields,
};

export function fingerprint<K extends SubjectKind>(kind: K, state: StateOf<K>): string {
  return fingerprintOf(fieldsOf[kind].map((field) => state[field]));
}

export function keyOf<K extends SubjectKind>(kind: K, state: StateOf<K>): string {
  if (kind === "device") return (state as DeviceState).name;
  if (kind === "extension") return (state as ExtensionState).key;
  return (state as CtiAppState).appId;
}

/** Just the reported fields of a stored device row (no ids, times or effective columns). */
export function deviceStateOf(row: DeviceState): DeviceState {
  const state = {} as Record<string, unknown>;
  for (const field of deviceFields) state[field] = row[field];
  return state as DeviceState;
}
