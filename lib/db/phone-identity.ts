// Reads and writes behind the phones' effective states (lib/inventory/effective): every source's
// record of a set of devices, the sources' freshness facts, and grouped writes (rows that get the
// same effective values are written by one updateMany).
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";

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

/** Every stored record (missing ones too) of the given identities. */
export async function recordsOfIdentities(identities: readonly string[]): Promise<IdentityRecord[]> {
  const out: IdentityRecord[] = [];
  for (let start = 0; start < identities.length; start += READ_CHUNK) {
    out.push(
      ...(await db().device.findMany({
        where: { identity: { in: identities.slice(start, start + READ_CHUNK) } },
        select: identityRecordSelect,
      })),
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
  const rows = await db().device.findMany({
    where: { effectiveStatus: "returning", listing: { not: "shadow" }, effectiveChangedAt: { lt: before } },
    select: { identity: true },
    take: 10_000,
  });
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
  return db().source.findMany({
    select: {
      id: true,
      name: true,
      kind: true,
      site: true,
      enabled: true,
      pollIntervalS: true,
      createdAt: true,
      health: { select: { lastSuccessAt: true, effectiveFresh: true } },
    },
  });
}

export async function markEffectiveFresh(sourceId: string, fresh: boolean): Promise<void> {
  await db().sourceHealth.updateMany({ where: { sourceId }, data: { effectiveFresh: fresh } });
}

export type EffectiveValues = Pick<
  IdentityRecord,
  "listing" | "effectiveStatus" | "fallbackSourceId" | "site" | "effectiveChangedAt" | "leftRegisteredAt"
>;

/** Writes effective values, one updateMany per distinct value set, WRITE_CHUNK ids per statement. */
export async function writeEffective(groups: ReadonlyArray<{ ids: string[]; values: EffectiveValues }>): Promise<void> {
  const ops: Prisma.PrismaPromise<unknown>[] = [];
  for (const group of groups) {
    for (let start = 0; start < group.ids.length; start += WRITE_CHUNK) {
      ops.push(
        db().device.updateMany({
          where: { id: { in: group.ids.slice(start, start + WRITE_CHUNK) } },
          data: group.values,
        }),
      );
    }
  }
  // Transactions of a few statements keep SQLite's write lock short between pollers.
  for (let start = 0; start < ops.length; start += 20) await db().$transaction(ops.slice(start, start + 20));
}
