// The stored shapes of the inventory, taken from the Prisma models so the pollers, the snapshot
// mappers and the data layer share one definition. Bookkeeping columns (ids, times, missing,
// fingerprint) are the data layer's; the rest is what a source reports.
import type { ChangeEvent, CtiApp, Device, Extension, Poll, SourceHealth } from "./generated/sqlite/client";

type Bookkeeping = "id" | "sourceId" | "fingerprint" | "missing" | "statusChangedAt" | "updatedAt";
/** Worked out across sources after a poll (lib/inventory/effective), never reported by one source. */
export type EffectiveColumns =
  | "identity"
  | "listing"
  | "effectiveStatus"
  | "fallbackSourceId"
  | "site"
  | "effectiveChangedAt"
  | "leftRegisteredAt";

/** One device as a source reports it, in the stored shape. */
export type DeviceState = Omit<Device, Bookkeeping | "firstSeenAt" | EffectiveColumns>;
/** One CME ephone-dn or voice register dn, in the stored shape. */
export type ExtensionState = Omit<Extension, Bookkeeping>;
/** One CTI application connection, in the stored shape. */
export type CtiAppState = Omit<CtiApp, Bookkeeping>;

export type SubjectKind = "device" | "extension" | "cti";
export type ChangeKind =
  | "appeared"
  | "missing"
  | "status"
  | "ip"
  | "firmware"
  | "line"
  | "key-phone"
  | "cti-status"
  | "device-pool";

/** A change event before it is stored (the data layer adds source, poll and time). */
export type ChangeEventInput = Pick<ChangeEvent, "subject" | "before" | "after" | "reason"> & {
  subjectKind: SubjectKind;
  change: ChangeKind;
};

export type StateOf<K extends SubjectKind> = K extends "device"
  ? DeviceState
  : K extends "extension"
    ? ExtensionState
    : CtiAppState;

/** What the diff needs of every stored row: no full row is read for an unchanged one. */
export interface IndexEntry {
  id: string;
  key: string;
  fingerprint: string;
  missing: boolean;
  /** registrationStatus (device) or status (extension, CTI). */
  status: string;
  /** What change events call the row: device name, extension number, CTI application id. */
  subject: string;
}

export type PollOutcome = "ok" | "partial" | "failed";
export type PollCounts = Pick<
  Poll,
  "devices" | "registered" | "unregistered" | "rejected" | "partiallyRegistered" | "unknown" | "missing"
>;
export type PollRow = Omit<Poll, "sourceId"> & { outcome: PollOutcome };

import type { HealthStatus } from "@/lib/domain/health";

export type { HealthStatus };
/** Health as the poller reads it (lease columns included). */
export type HealthRecord = Omit<SourceHealth, "status"> & { status: HealthStatus };
/** What a finished poll writes to SourceHealth (never the lease: the store clears that itself). */
export type HealthUpdate = Partial<Omit<SourceHealth, "sourceId" | "leaseHolder" | "leaseExpiresAt" | "status">> & {
  status?: HealthStatus;
};
