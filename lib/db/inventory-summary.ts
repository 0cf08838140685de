// Kept inventory counts (InventorySummary rows, JSON the poll worker writes after polls) and the
// cheap reads that tell whether they still hold: each source's newest poll, the polls since.
import { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { isUniqueViolation } from "./prisma-errors";

export interface SummaryRow {
  key: string;
  /** JSON */
  data: string;
  computedAt: Date;
  version: number;
}

export async function readSummary(key: string): Promise<SummaryRow | null> {
  return db().inventorySummary.findUnique({ where: { key } });
}

/**
 * Stores a summary unless one counted later is stored already, so two workers (or a slow count
 * finishing after a quicker one) never move the kept counts back in time. True when written.
 */
export async function writeSummary(row: SummaryRow): Promise<boolean> {
  const { key, ...values } = row;
  const updated = await db().inventorySummary.updateMany({
    where: { key, computedAt: { lt: row.computedAt } },
    data: values,
  });
  if (updated.count > 0) return true;
  try {
    await db().inventorySummary.create({ data: row });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function deleteSummaries(keys: string[]): Promise<void> {
  await db().inventorySummary.deleteMany({ where: { key: { in: keys } } });
}

/** Drivers hand back a raw DateTime as a Date, ISO text or epoch milliseconds. */
function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  return new Date(String(value));
}

/** Each source's newest poll start (null: never polled), whatever its outcome: one index seek per source. */
export async function newestPollPerSource(): Promise<Map<string, Date | null>> {
  const rows = await db().$queryRaw<{ id: unknown; newest: unknown }[]>`
    SELECT s."id" AS "id",
      (SELECT p."startedAt" FROM "Poll" p WHERE p."sourceId" = s."id" ORDER BY p."startedAt" DESC LIMIT 1) AS "newest"
    FROM "Source" s`;
  return new Map(rows.map((r) => [String(r.id), asDate(r.newest)]));
}

/**
 * Per source, the polls that started after its mark: the newest start (null: none) and whether any
 * of them changed data. Index seeks on (sourceId, startedAt) that read only those polls, never
 * the older history (a planner given one OR over every source scanned the whole Poll table).
 */
export async function pollsSince(
  marks: readonly { sourceId: string; after: Date | null }[],
): Promise<{ sourceId: string; newest: Date | null; changed: boolean }[]> {
  if (marks.length === 0) return [];
  const perSource = marks.map(({ sourceId, after }) => {
    const since = after ? Prisma.sql`AND p."startedAt" > ${after}` : Prisma.empty;
    return Prisma.sql`SELECT s."id" AS "id",
      (SELECT p."startedAt" FROM "Poll" p WHERE p."sourceId" = s."id" ${since} ORDER BY p."startedAt" DESC LIMIT 1) AS "newest",
      (SELECT 1 FROM "Poll" p WHERE p."sourceId" = s."id" ${since} AND p."changed" > 0 LIMIT 1) AS "changed"
      FROM "Source" s WHERE s."id" = ${sourceId}`;
  });
  const rows = await db().$queryRaw<
    { id: unknown; newest: unknown; changed: unknown }[]
  >`${Prisma.join(perSource, " UNION ALL ")}`;
  return rows.map((r) => ({ sourceId: String(r.id), newest: asDate(r.newest), changed: r.changed != null }));
}

/** Whether each source's devices were last worked out with its data fresh (SourceHealth.effectiveFresh). */
export async function effectiveFreshness(): Promise<Map<string, boolean | null>> {
  // One join (Prisma's nested select took ~20 ms at 28 sources); SQLite answers 0/1, PostgreSQL a boolean.
  const rows = await db().$queryRaw<{ id: unknown; fresh: unknown }[]>`
    SELECT s."id" AS "id", h."effectiveFresh" AS "fresh"
    FROM "Source" s LEFT JOIN "SourceHealth" h ON h."sourceId" = s."id"`;
  return new Map(rows.map((r) => [String(r.id), r.fresh == null ? null : Boolean(Number(r.fresh))]));
}

/** Setting "inventory.version" (0 while nothing set it): writers may bump it for changes no poll records. */
export async function inventoryVersion(): Promise<number> {
  const row = await db().setting.findUnique({ where: { key: "inventory.version" }, select: { value: true } });
  const value = Number(row?.value);
  return Number.isSafeInteger(value) ? value : 0;
}

/** Marks a change no poll records (sites worked out again): kept counts made before it are not used. */
export async function bumpInventoryVersion(): Promise<void> {
  const next = String((await inventoryVersion()) + 1);
  await db().setting.upsert({
    where: { key: "inventory.version" },
    create: { key: "inventory.version", value: next },
    update: { value: next },
  });
}
