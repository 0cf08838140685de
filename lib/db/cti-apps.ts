// Reads of stored CTI application connections: filtered, sorted and paged in the database.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { keyOf, keyOrder, type KeyColumn } from "./keyset";

export interface CtiAppFilter {
  sourceId?: string;
  status?: string;
  includeMissing?: boolean;
}

export type CtiAppSortField = "appId" | "user" | "source" | "lastChange";

export const ctiAppRowSelect = {
  id: true,
  appId: true,
  userId: true,
  address: true,
  status: true,
  reason: true,
  node: true,
  devices: true,
  lines: true,
  missing: true,
  statusChangedAt: true,
  sourceId: true,
  source: { select: { name: true, site: true } },
} as const satisfies Prisma.CtiAppSelect;

export type CtiAppRow = Prisma.CtiAppGetPayload<{ select: typeof ctiAppRowSelect }>;

export function ctiAppWhere(filter: CtiAppFilter): Prisma.CtiAppWhereInput {
  return {
    ...(filter.includeMissing ? {} : { missing: false }),
    ...(filter.sourceId ? { sourceId: filter.sourceId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
}

/** The list's order, ending with the unique id: pages sort by it and the export pages after it (keyset). */
export function ctiAppSortKey(field: CtiAppSortField, direction: "asc" | "desc"): KeyColumn[] {
  const tie = ["appId", "id"];
  switch (field) {
    case "appId":
      return keyOf(direction, ...tie);
    case "user":
      return keyOf(direction, "userId", ...tie);
    case "source":
      return keyOf(direction, ["source", "name"], ...tie);
    case "lastChange":
      return keyOf(direction, "statusChangedAt", ...tie);
  }
}

function ctiAppOrder(...args: Parameters<typeof ctiAppSortKey>): Prisma.CtiAppOrderByWithRelationInput[] {
  return keyOrder(ctiAppSortKey(...args)) as Prisma.CtiAppOrderByWithRelationInput[];
}

export async function findCtiApps(
  filter: CtiAppFilter,
  sort: CtiAppSortField,
  direction: "asc" | "desc",
  skip: number,
  take: number,
): Promise<CtiAppRow[]> {
  return db().ctiApp.findMany({
    where: ctiAppWhere(filter),
    select: ctiAppRowSelect,
    orderBy: ctiAppOrder(sort, direction),
    skip,
    take,
  });
}

export async function countCtiApps(filter: CtiAppFilter): Promise<number> {
  return db().ctiApp.count({ where: ctiAppWhere(filter) });
}

export async function countCtiAppsByStatus(filter: CtiAppFilter): Promise<{ status: string; count: number }[]> {
  const groups = await db().ctiApp.groupBy({ by: ["status"], where: ctiAppWhere(filter), _count: { _all: true } });
  return groups.map((g) => ({ status: g.status, count: g._count._all }));
}
