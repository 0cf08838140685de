// Reads and writes behind the phones' effective states (lib/inventory/effective): every source's
// record of a set of devices, the sources' freshness facts, and grouped writes (rows that get the
// same effective values are written by one UPDATE).
import { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { rawBatch, rawQuery } from "./raw-run";
import { columnList, inList, updateSql } from "./raw-sql";

const READ_CHUNK = 500;
const WRITE_CHUNK = 500;

export const identityRecordSelect = {
  id: true,
  identity: true,
  sourceId: true,
  name: true,
  registrationStatus: true,
  missing: true,
  ipAddress: true,
  description: true,
  // Site rules match these (lib/domain/site-rules.ts).
  devicePool: true,
  location: true,
  listing: true,
  effectiveStatus: true,
  fallbackSourceId: true,
  site: true,
  effectiveChangedAt: true,
  leftRegisteredAt: true,
} as const satisfies Prisma.DeviceSelect;
export type IdentityRecord = Prisma.DeviceGetPayload<{ select: typeof identityRecordSelect }>;
const identityColumns = columnList(Object.keys(identityRecordSelect));

/** Every stored record (missing ones too) of the given identities. */
export async function recordsOfIdentities(identities: readonly string[]): Promise<IdentityRecord[]> {
  const out: IdentityRecord[] = [];
  for (let start = 0; start < identities.length; start += READ_CHUNK) {
    // Raw: read after every poll with changes (lib/db/raw-sql.ts says why).
    out.push(
      ...(await rawQuery<IdentityRecord>(
        db(),
        Prisma.sql`SELECT ${identityColumns} FROM "Device"
        WHERE ${inList("identity", identities.slice(start, start + READ_CHUNK))}`,
      )),
    );
  }
  return out;
}

/** The identities of every record one source holds (or every record when no source is given). */
export async function identitiesOf(sourceId?: string): Promise<string[]> {
  const rows = await db().device.findMany({
    where: sourceId ? { sourceId } : {},
    select: { identity: true },
    distinct: ["identity"],
  });
  return rows.map((r) => r.identity);
}

/** Devices "returning" from fallback since before `before` (the index on effectiveStatus finds them). */
export async function returningSince(before: Date): Promise<string[]> {
  // Raw: read after every poll (lib/db/raw-sql.ts says why).
  const rows = await rawQuery<{ identity: string }>(
    db(),
    Prisma.sql`SELECT "identity" FROM "Device"
    WHERE "effectiveStatus" = 'returning' AND "listing" <> 'shadow' AND "effectiveChangedAt" < ${before}
    LIMIT 10000`,
  );
  return rows.map((r) => r.identity);
}

export interface SourceFreshnessRow {
  id: string;
  name: string;
  kind: string;
  site: string;
  enabled: boolean;
  pollIntervalS: number;
  createdAt: Date;
  health: { lastSuccessAt: Date | null; effectiveFresh: boolean | null } | null;
}

export async function sourcesForEffective(): Promise<SourceFreshnessRow[]> {
  // Raw, one join: read after every batch of polls, every source each time (lib/db/raw-sql.ts
  // says why); Prisma's relation read was two statements.
  const rows = await rawQuery<
    Omit<SourceFreshnessRow, "health"> & {
      healthOf: string | null;
      lastSuccessAt: Date | null;
      effectiveFresh: boolean | null;
    }
  >(
    db(),
    Prisma.sql`SELECT s."id", s."name", s."kind", s."site", s."enabled", s."pollIntervalS", s."createdAt",
      h."sourceId" AS "healthOf", h."lastSuccessAt", h."effectiveFresh"
    FROM "Source" s LEFT JOIN "SourceHealth" h ON h."sourceId" = s."id"`,
  );
  return rows.map(({ healthOf, lastSuccessAt, effectiveFresh, ...source }) => ({
    ...source,
    health: healthOf === null ? null : { lastSuccessAt, effectiveFresh },
  }));
}

export async function markEffectiveFresh(sourceId: string, fresh: boolean): Promise<void> {
  await db().sourceHealth.updateMany({ where: { sourceId }, data: { effectiveFresh: fresh } });
}

export type EffectiveValues = Pick<
  IdentityRecord,
  "listing" | "effectiveStatus" | "fallbackSourceId" | "site" | "effectiveChangedAt" | "leftRegisteredAt"
>;

/**
 * Writes effective values, one UPDATE per distinct value set, WRITE_CHUNK ids per statement. Raw:
 * polls with changes write them every time (lib/db/raw-sql.ts says why).
 */
export async function writeEffective(groups: ReadonlyArray<{ ids: string[]; values: EffectiveValues }>): Promise<void> {
  const statements: Prisma.Sql[] = [];
  for (const group of groups) {
    for (let start = 0; start < group.ids.length; start += WRITE_CHUNK) {
      const ids = group.ids.slice(start, start + WRITE_CHUNK);
      statements.push(updateSql("Device", group.values, inList("id", ids), { touch: true }));
    }
  }
  // Transactions of a few statements keep SQLite's write lock short between pollers.
  for (let start = 0; start < statements.length; start += 20) await rawBatch(db(), statements.slice(start, start + 20));
}
