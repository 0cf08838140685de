// What alert rules look at: registered counts per site and model, key and critical phones that are
// out, CTI applications that failed, source health. Read-only; the evaluator judges.
import { db } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { rawQuery } from "./raw-run";
import { columnList, inList } from "./raw-sql";

export interface DeviceCountGroup {
  site: string;
  model: string;
  deviceClass: string;
  /** Empty unless the groups were asked for by source. */
  sourceId: string;
  effectiveStatus: string;
  count: number;
}

type GroupRow = {
  site: string;
  model: string;
  deviceClass: string;
  sourceId?: string;
  effectiveStatus: string;
  n: bigint | number;
};

/**
 * Devices as listed (one per device), by site, model, class and effective status, and by source
 * only when `bySource` (a rule scoped to sources): `except` names left out.
 *
 * Raw SQL, read at every alert evaluation (lib/alerts/worker.ts): at 200 routers and 8,000 devices,
 * Prisma's groupBy by source (~1,900 groups) took SQLite ~10-12 ms and the whole evaluation 44 ms
 * of CPU; this read without the source (~300 groups, in the overview's index order) takes SQLite
 * ~3-5 ms and the evaluation 31-34 ms.
 */
export async function deviceCountGroups(
  except: readonly string[],
  options: { bySource?: boolean } = {},
): Promise<DeviceCountGroup[]> {
  const keys = options.bySource
    ? ["effectiveStatus", "site", "model", "deviceClass", "sourceId"]
    : ["effectiveStatus", "site", "model", "deviceClass"];
  const leftOut = except.length > 0 ? Prisma.sql`AND NOT ${inList("name", except)}` : Prisma.empty;
  const rows = await rawQuery<GroupRow>(
    db(),
    Prisma.sql`
    SELECT ${columnList(keys)}, COUNT(*) AS "n" FROM "Device"
    WHERE "listing" = 'shown' ${leftOut}
    GROUP BY ${columnList(keys)}`,
  );
  return rows.map((g) => ({
    site: g.site,
    model: g.model,
    deviceClass: g.deviceClass,
    sourceId: g.sourceId ?? "",
    effectiveStatus: g.effectiveStatus,
    count: Number(g.n),
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
