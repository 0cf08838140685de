// Which changes of state a timeline shows, from a stored record and the one just read. Only
// changes people act on become events (status, address, firmware, lines, key phone, CTI status);
// everything else is just the new current state.
import type {
  ChangeEventInput,
  CtiAppState,
  DeviceState,
  ExtensionState,
  IndexEntry,
  StateOf,
  SubjectKind,
} from "@/lib/db/inventory-types";
import { parseJsonArray } from "@/lib/domain/json";

type Line = { dn: string; status: string };

function linesOf(json: string): Line[] {
  return parseJsonArray(json).flatMap((l) =>
    l && typeof l === "object" && "dn" in l ? [{ dn: String(l.dn), status: String((l as Line).status ?? "") }] : [],
  );
}

/** "1001 registered" per line whose status differs, when the device's own status did not change (that already explains its lines). */
function lineChanges(subject: string, before: string, after: string): ChangeEventInput[] {
  const was = new Map(linesOf(before).map((l) => [l.dn, l.status]));
  const now = new Map(linesOf(after).map((l) => [l.dn, l.status]));
  const events: ChangeEventInput[] = [];
  for (const dn of new Set([...was.keys(), ...now.keys()])) {
    const from = was.get(dn);
    const to = now.get(dn);
    if (from === to) continue;
    events.push({
      subjectKind: "device",
      subject,
      change: "line",
      before: from === undefined ? null : `${dn} ${from}`,
      after: to === undefined ? null : `${dn} ${to}`,
      reason: null,
    });
  }
  return events;
}

const flag = (value: boolean | null) => (value === null ? null : String(value));

function deviceChanges(before: DeviceState | null, after: DeviceState): ChangeEventInput[] {
  const subject = after.name;
  if (!before)
    return [
      {
        subjectKind: "device",
        subject,
        change: "appeared",
        before: null,
        after: after.registrationStatus,
        reason: after.statusReason || null,
      },
    ];
  const events: ChangeEventInput[] = [];
  const statusChanged = before.registrationStatus !== after.registrationStatus;
  if (statusChanged)
    events.push({
      subjectKind: "device",
      subject,
      change: "status",
      before: before.registrationStatus,
      after: after.registrationStatus,
      reason: after.statusReason || null,
    });
  // A first address or firmware is not a change; a different one is.
  if (before.ipAddress && before.ipAddress !== after.ipAddress)
    events.push({
      subjectKind: "device",
      subject,
      change: "ip",
      before: before.ipAddress,
      after: after.ipAddress,
      reason: null,
    });
  if (before.firmware && before.firmware !== after.firmware)
    events.push({
      subjectKind: "device",
      subject,
      change: "firmware",
      before: before.firmware,
      after: after.firmware,
      reason: null,
    });
  // A phone moved to another device pool (often another site): shown once the pool is known.
  if (before.devicePool && before.devicePool !== after.devicePool)
    events.push({
      subjectKind: "device",
      subject,
      change: "device-pool",
      before: before.devicePool,
      after: after.devicePool || null,
      reason: null,
    });
  if (!statusChanged) events.push(...lineChanges(subject, before.lines, after.lines));
  if (before.keyPhone !== null && after.keyPhone !== null && before.keyPhone !== after.keyPhone) {
    events.push({
      subjectKind: "device",
      subject,
      change: "key-phone",
      before: flag(before.keyPhone),
      after: flag(after.keyPhone),
      reason: null,
    });
  }
  return events;
}

function extensionChanges(before: ExtensionState | null, after: ExtensionState): ChangeEventInput[] {
  const subject = after.number;
  if (!before)
    return [{ subjectKind: "extension", subject, change: "appeared", before: null, after: after.status, reason: null }];
  if (before.status === after.status) return [];
  return [
    { subjectKind: "extension", subject, change: "status", before: before.status, after: after.status, reason: null },
  ];
}

function ctiChanges(before: CtiAppState | null, after: CtiAppState): ChangeEventInput[] {
  const subject = after.appId;
  if (!before)
    return [
      {
        subjectKind: "cti",
        subject,
        change: "appeared",
        before: null,
        after: after.status,
        reason: after.reason || null,
      },
    ];
  if (before.status === after.status) return [];
  return [
    {
      subjectKind: "cti",
      subject,
      change: "cti-status",
      before: before.status,
      after: after.status,
      reason: after.reason || null,
    },
  ];
}

/**
 * Events for one record: `before` is the stored row (null for a new record); a record that was
 * missing and is back is one "appeared", whatever else changed while it was gone.
 */
export function changesOf<K extends SubjectKind>(
  kind: K,
  before: StateOf<K> | null,
  after: StateOf<K>,
  wasMissing = false,
): ChangeEventInput[] {
  const previous = wasMissing ? null : before;
  if (kind === "device") return deviceChanges(previous as DeviceState | null, after as DeviceState);
  if (kind === "extension") return extensionChanges(previous as ExtensionState | null, after as ExtensionState);
  return ctiChanges(previous as CtiAppState | null, after as CtiAppState);
}

export function missingEvent(kind: SubjectKind, entry: IndexEntry): ChangeEventInput {
  return {
    subjectKind: kind,
    subject: entry.subject,
    change: "missing",
    before: entry.status,
    after: null,
    reason: null,
  };
}

/** Whether the change moves the record's status (which stamps statusChangedAt). */
export function statusOf<K extends SubjectKind>(kind: K, state: StateOf<K>): string {
  return kind === "device" ? (state as DeviceState).registrationStatus : (state as ExtensionState | CtiAppState).status;
}

/**
 * The last known address and firmware stay when a device stops reporting them (an unregistered
 * SIP phone shows 0.0.0.0): "where was it" is what the helpdesk asks about a phone that is down.
 */
export function carryForward<K extends SubjectKind>(kind: K, before: StateOf<K>, after: StateOf<K>): StateOf<K> {
  if (kind !== "device") return after;
  const was = before as DeviceState;
  const now = after as DeviceState;
  return {
    ...now,
    ipAddress: now.ipAddress || was.ipAddress,
    ipv6Address: now.ipv6Address || was.ipv6Address,
    firmware: now.firmware || was.firmware,
  } as StateOf<K>;
}
