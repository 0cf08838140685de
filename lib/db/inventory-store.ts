// The inventory's data access bound to one database client: the app uses the process-wide one;
// a test standing in for a second app instance passes its own.
import { db as sharedDb, type Db } from "./client";
import { currentIndex, currentRows, writeSubjects, type SubjectWrites } from "./inventory-current";
import {
  acquireLease,
  clearHolds,
  createHealthRow,
  finishPoll,
  readHealth,
  releaseLease,
  renewLease,
  reschedulePoll,
  scheduleFirstPoll,
  scheduleView,
  type LeaseRequest,
} from "./inventory-health";
import {
  deviceCounts,
  pruneHistory,
  storeRouterEvents,
  type PruneRequest,
  type RouterEventInput,
} from "./inventory-history";
import type { SubjectKind } from "./inventory-types";
import {
  configuredDevices,
  configuredSchedule,
  recordConfiguredFailure,
  storeConfiguredDevices,
  type ConfiguredDeviceState,
} from "./configured-devices";
import { createDatabaseBudgetStore } from "./risport-budget";

export function createInventoryStore(client?: Db) {
  const db = () => client ?? sharedDb();
  return {
    currentIndex: (kind: SubjectKind, sourceId: string) => currentIndex(db(), kind, sourceId),
    currentRows: <K extends SubjectKind>(kind: K, ids: readonly string[]) => currentRows(db(), kind, ids),
    writeSubjects: <K extends SubjectKind>(options: {
      sourceId: string;
      pollId: string;
      at: Date;
      writes: SubjectWrites<K>;
    }) => writeSubjects(db(), options),
    deviceCounts: (sourceId: string) => deviceCounts(db(), sourceId),
    storeRouterEvents: (sourceId: string, events: readonly RouterEventInput[], at: Date) =>
      storeRouterEvents(db(), sourceId, events, at),
    readHealth: (sourceId: string) => readHealth(db(), sourceId),
    acquireLease: (sourceId: string, request: LeaseRequest) => acquireLease(db(), sourceId, request),
    renewLease: (sourceId: string, instanceId: string, until: Date) => renewLease(db(), sourceId, instanceId, until),
    releaseLease: (sourceId: string, instanceId: string) => releaseLease(db(), sourceId, instanceId),
    finishPoll: (options: Parameters<typeof finishPoll>[1]) => finishPoll(db(), options),
    clearHolds: (sourceId: string) => clearHolds(db(), sourceId),
    scheduleView: () => scheduleView(db()),
    createHealthRow: (sourceId: string) => createHealthRow(db(), sourceId),
    scheduleFirstPoll: (sourceId: string, at: Date) => scheduleFirstPoll(db(), sourceId, at),
    reschedulePoll: (sourceId: string, from: Date, at: Date) => reschedulePoll(db(), sourceId, from, at),
    pruneHistory: (request: PruneRequest) => pruneHistory(db(), request),
    configuredSchedule: (sourceId: string) => configuredSchedule(db(), sourceId),
    configuredDevices: (sourceId: string) => configuredDevices(db(), sourceId),
    storeConfiguredDevices: (sourceId: string, devices: readonly ConfiguredDeviceState[], at: Date) =>
      storeConfiguredDevices(db(), sourceId, devices, at),
    recordConfiguredFailure: (sourceId: string, message: string) => recordConfiguredFailure(db(), sourceId, message),
    /** The RisPort budget store on the same client, so one instance's requests count for all. */
    budgetStore: () => createDatabaseBudgetStore(client),
  };
}

export type InventoryStore = ReturnType<typeof createInventoryStore>;
export type { SubjectWrites } from "./inventory-current";
export type { RouterEventInput, PruneResult } from "./inventory-history";
export type { ScheduleEntry } from "./inventory-health";
export type { ConfiguredDeviceState } from "./configured-devices";
