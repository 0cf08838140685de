// Aggregate reads for the overview and /metrics: registration counts with GROUP BY, flapping
// devices from the change log, and each source's poll health.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { PHONE_CLASS } from "@/lib/domain/device-classes";

export interface DeviceGroup {
  sourceId: string;
  registrationStatus: string;
  model: string;
  protocol: string;
  count: number;
}

/** Current (not missing) phones counted per source, status, model and protocol in one scan. */
export async function deviceGroups(): Promise<DeviceGroup[]> {
  const groups = await db().device.groupBy({
    by: ["sourceId", "registrationStatus", "model", "protocol"],
    where: { missing: false, deviceClass: PHONE_CLASS },
    _count: { _all: true },
  });
  return groups.map((g) => ({
    sourceId: g.sourceId,
    registrationStatus: g.registrationStatus,
    model: g.model,
    protocol: g.protocol,
    count: g._count._all,
  }));
}

export interface EffectiveGroup {
  effectiveStatus: string;
  site: string;
  model: string;
  protocol: string;
  deviceClass: string;
  count: number;
}

/** Devices (one per device however many sources report it) counted per effective status, site, model, protocol and class. */
export async function effectiveGroups(): Promise<EffectiveGroup[]> {
  const groups = await db().device.groupBy({
    by: ["effectiveStatus", "site", "model", "protocol", "deviceClass"],
    where: { listing: "shown" },
    _count: { _all: true },
  });
  return groups.map((g) => ({
    effectiveStatus: g.effectiveStatus,
    site: g.site,
    model: g.model,
    protocol: g.protocol,
    deviceClass: g.deviceClass,
    count: g._count._all,
  }));
}

/**
 * Per source, its phone records that are not registered there while the phone is registered on
 * its cluster: an SRST router's phones in normal times ("standby"), not phones that are down.
 */
export async function standbyPerSource(): Promise<Record<string, number>> {
  const groups = await db().device.groupBy({
    by: ["sourceId"],
    where: {
      missing: false,
      deviceClass: PHONE_CLASS,
      registrationStatus: { not: "registered" },
      effectiveStatus: "registered",
    },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((g) => [g.sourceId, g._count._all]));
}

/** Current devices counted per source and status. */
export async function deviceCountsBySource(): Promise<
  { sourceId: string; registrationStatus: string; count: number }[]
> {
  const groups = await db().device.groupBy({
    by: ["sourceId", "registrationStatus"],
    where: { missing: false },
    _count: { _all: true },
  });
  return groups.map((g) => ({ sourceId: g.sourceId, registrationStatus: g.registrationStatus, count: g._count._all }));
}

/** Phones whose effective status is one of these, counted per status and stored reason. */
export async function reasonCounts(
  statuses: string[],
): Promise<{ registrationStatus: string; statusReason: string; count: number }[]> {
  const groups = await db().device.groupBy({
    by: ["effectiveStatus", "statusReason"],
    where: { listing: "shown", effectiveStatus: { in: statuses }, deviceClass: PHONE_CLASS },
    _count: { _all: true },
  });
  return groups.map((g) => ({
    registrationStatus: g.effectiveStatus,
    statusReason: g.statusReason,
    count: g._count._all,
  }));
}

/** Devices with the most status changes since `since`, at least `atLeast` each. */
export async function flappingDevices(
  since: Date,
  atLeast: number,
  limit: number,
): Promise<{ sourceId: string; subject: string; changes: number; lastChangeAt: Date }[]> {
  const groups = await db().changeEvent.groupBy({
    by: ["sourceId", "subject"],
    where: { at: { gte: since }, subjectKind: "device", change: "status" },
    _count: { _all: true },
    _max: { at: true },
    having: { subject: { _count: { gte: atLeast } } },
    orderBy: [{ _count: { subject: "desc" } }, { subject: "asc" }],
    take: limit,
  });
  return groups.map((g) => ({
    sourceId: g.sourceId,
    subject: g.subject,
    changes: g._count._all,
    lastChangeAt: g._max.at!,
  }));
}

/** Current status of devices by (source, name). */
export async function deviceStatuses(
  keys: { sourceId: string; name: string }[],
): Promise<{ sourceId: string; name: string; registrationStatus: string }[]> {
  if (keys.length === 0) return [];
  return db().device.findMany({
    where: { OR: keys.map((k) => ({ sourceId: k.sourceId, name: k.name })) },
    select: { sourceId: true, name: true, registrationStatus: true },
  });
}

export const sourceHealthSelect = {
  id: true,
  name: true,
  kind: true,
  site: true,
  enabled: true,
  pollIntervalS: true,
  budgetPerMinute: true,
  createdAt: true,
  health: { select: { status: true, lastAttemptAt: true, lastSuccessAt: true, consecutiveFailures: true } },
} as const satisfies Prisma.SourceSelect;

export type SourceWithHealth = Prisma.SourceGetPayload<{ select: typeof sourceHealthSelect }>;

export async function sourcesWithHealth(): Promise<SourceWithHealth[]> {
  return db().source.findMany({ select: sourceHealthSelect, orderBy: { name: "asc" } });
}

export async function countSources(): Promise<number> {
  return db().source.count();
}
