// What alert rules look at: registered counts per site and model, key and critical phones that are
// out, CTI applications that failed, source health. Read-only; the evaluator judges.
import { db } from "./client";

export interface DeviceCountGroup {
  site: string;
  model: string;
  deviceClass: string;
  sourceId: string;
  effectiveStatus: string;
  count: number;
}

/** Devices as listed (one per device), by site, model, class, source and effective status; `except` names left out. */
export async function deviceCountGroups(except: readonly string[]): Promise<DeviceCountGroup[]> {
  const groups = await db().device.groupBy({
    by: ["site", "model", "deviceClass", "sourceId", "effectiveStatus"],
    where: { listing: "shown", ...(except.length > 0 ? { name: { notIn: [...except] } } : {}) },
    _count: { _all: true },
  });
  return groups.map((g) => ({
    site: g.site,
    model: g.model,
    deviceClass: g.deviceClass,
    sourceId: g.sourceId,
    effectiveStatus: g.effectiveStatus,
    count: g._count._all,
  }));
}

export interface WatchedDevice {
  name: string;
  site: string;
  model: string;
  deviceClass: string;
  sourceId: string;
  effectiveStatus: string;
  description: string;
  leftRegisteredAt: Date | null;
  effectiveChangedAt: Date;
}

/** Key phones (CME flag on any source's record) and the named critical devices that are not registered anywhere. */
export async function watchedDevicesOut(criticalNames: readonly string[]): Promise<WatchedDevice[]> {
  const keyed = await db().device.findMany({
    where: { keyPhone: true },
    select: { identity: true },
    distinct: ["identity"],
  });
  const identities = keyed.map((k) => k.identity).filter(Boolean);
  if (identities.length === 0 && criticalNames.length === 0) return [];
  return db().device.findMany({
    where: {
      listing: "shown",
      effectiveStatus: { notIn: ["registered", "in-fallback", "returning"] },
      OR: [
        ...(identities.length > 0 ? [{ identity: { in: identities } }] : []),
        ...(criticalNames.length > 0 ? [{ name: { in: [...criticalNames] } }] : []),
      ],
    },
    select: {
      name: true,
      site: true,
      model: true,
      deviceClass: true,
      sourceId: true,
      effectiveStatus: true,
      description: true,
      leftRegisteredAt: true,
      effectiveChangedAt: true,
    },
    take: 5_000,
  });
}

export async function ctiAppsIn(
  statuses: readonly string[],
): Promise<
  { sourceId: string; appId: string; userId: string; status: string; reason: string; statusChangedAt: Date }[]
> {
  return db().ctiApp.findMany({
    where: { status: { in: [...statuses] }, missing: false },
    select: { sourceId: true, appId: true, userId: true, status: true, reason: true, statusChangedAt: true },
    take: 5_000,
  });
}

export interface SourceAlertFacts {
  id: string;
  name: string;
  site: string;
  enabled: boolean;
  pollIntervalS: number;
  createdAt: Date;
  health: { status: string; lastSuccessAt: Date | null; lastError: string | null } | null;
  lastPollComplete: boolean | null;
}

export async function sourcesForAlerts(): Promise<SourceAlertFacts[]> {
  const sources = await db().source.findMany({
    select: {
      id: true,
      name: true,
      site: true,
      enabled: true,
      pollIntervalS: true,
      createdAt: true,
      health: { select: { status: true, lastSuccessAt: true, lastError: true } },
    },
  });
  // One query for every source's newest poll that did not fail (an index seek per source): one
  // findFirst per source was 1,000 queries per evaluation, most of a poll worker's CPU.
  const rows = await db().$queryRaw<{ id: unknown; complete: unknown }[]>`
    SELECT s."id" AS "id",
      (SELECT p."complete" FROM "Poll" p WHERE p."sourceId" = s."id" AND p."outcome" <> 'failed'
        ORDER BY p."startedAt" DESC LIMIT 1) AS "complete"
    FROM "Source" s`;
  // SQLite answers 0 or 1, PostgreSQL a boolean; null: no such poll, or one that did not say.
  const complete = new Map(rows.map((r) => [String(r.id), r.complete === null ? null : Boolean(Number(r.complete))]));
  return sources.map((s) => ({ ...s, lastPollComplete: complete.get(s.id) ?? null }));
}

/** Device names with at least `atLeast` status changes since `since` (any source). */
export async function flappingNames(
  since: Date,
  atLeast: number,
): Promise<{ name: string; sourceId: string; changes: number }[]> {
  const groups = await db().changeEvent.groupBy({
    by: ["sourceId", "subject"],
    where: { at: { gte: since }, subjectKind: "device", change: "status" },
    _count: { _all: true },
    having: { subject: { _count: { gte: atLeast } } },
    orderBy: [{ subject: "asc" }],
    take: 1_000,
  });
  return groups.map((g) => ({ name: g.subject, sourceId: g.sourceId, changes: g._count._all }));
}

/** Site, model and class of devices by name (the shown record). */
export async function devicesByName(
  names: readonly string[],
): Promise<{ name: string; site: string; model: string; deviceClass: string; sourceId: string }[]> {
  if (names.length === 0) return [];
  return db().device.findMany({
    where: { name: { in: [...names] }, listing: "shown" },
    select: { name: true, site: true, model: true, deviceClass: true, sourceId: true },
  });
}
