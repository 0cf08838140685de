// Site-outage hints: the counts behind them (devices per site that left "registered" recently)
// and the SiteEvent rows themselves.
import { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { rawQuery } from "./raw-run";
import { inList } from "./raw-sql";

export interface SiteOutCount {
  site: string;
  phones: number;
  /** Phones that left "registered" since `since` and are still out (unknown does not count: no data is not an outage). */
  out: number;
  inFallback: { sourceId: string; count: number }[];
}

/** Per site: phones listed, and phones out since `since` by fallback router. */
export async function siteOutCounts(sites: readonly string[], since: Date): Promise<SiteOutCount[]> {
  if (sites.length === 0) return [];
  // Raw: read after every batch of polls (raw-run.ts says why). COUNT is a bigint on both databases.
  const [totals, out] = await Promise.all([
    rawQuery<{ site: string; n: bigint | number }>(
      db(),
      Prisma.sql`SELECT "site", COUNT(*) AS "n" FROM "Device"
        WHERE ${inList("site", sites)} AND "listing" = 'shown' GROUP BY "site"`,
    ),
    rawQuery<{ site: string; effectiveStatus: string; fallbackSourceId: string | null; n: bigint | number }>(
      db(),
      Prisma.sql`SELECT "site", "effectiveStatus", "fallbackSourceId", COUNT(*) AS "n" FROM "Device"
        WHERE ${inList("site", sites)} AND "listing" = 'shown' AND "leftRegisteredAt" >= ${since}
          AND "effectiveStatus" NOT IN ('registered', 'unknown')
        GROUP BY "site", "effectiveStatus", "fallbackSourceId"`,
    ),
  ]);
  return sites.map((site) => {
    const mine = out.filter((o) => o.site === site);
    return {
      site,
      phones: Number(totals.find((t) => t.site === site)?.n ?? 0),
      out: mine.reduce((sum, o) => sum + Number(o.n), 0),
      inFallback: mine
        .filter((o) => o.effectiveStatus === "in-fallback" && o.fallbackSourceId)
        .map((o) => ({ sourceId: o.fallbackSourceId!, count: Number(o.n) })),
    };
  });
}

export const siteEventSelect = {
  id: true,
  site: true,
  startedAt: true,
  endedAt: true,
  phones: true,
  peakOut: true,
  out: true,
  inFallback: true,
  peakInFallback: true,
  fallbackRouters: true,
} as const satisfies Prisma.SiteEventSelect;
export type SiteEventRow = Prisma.SiteEventGetPayload<{ select: typeof siteEventSelect }>;

export async function openSiteEvents(sites?: readonly string[]): Promise<SiteEventRow[]> {
  return db().siteEvent.findMany({
    where: { endedAt: null, ...(sites ? { site: { in: [...sites] } } : {}) },
    select: siteEventSelect,
    orderBy: { startedAt: "desc" },
  });
}

export async function createSiteEvent(data: Omit<SiteEventRow, "id" | "endedAt">): Promise<SiteEventRow> {
  return db().siteEvent.create({ data, select: siteEventSelect });
}

export async function updateSiteEvent(
  id: string,
  data: Partial<Omit<SiteEventRow, "id" | "site" | "startedAt">>,
): Promise<void> {
  await db().siteEvent.update({ where: { id }, data });
}

/** Newest first: open ones and those that ended since `since`, optionally for one site. */
export async function listSiteEvents(options: { since: Date; site?: string; limit: number }): Promise<SiteEventRow[]> {
  return db().siteEvent.findMany({
    where: {
      ...(options.site ? { site: options.site } : {}),
      OR: [{ endedAt: null }, { endedAt: { gte: options.since } }],
    },
    select: siteEventSelect,
    orderBy: { startedAt: "desc" },
    take: options.limit,
  });
}
