// Reads of stored CTI application connections: filtered, sorted and paged in the database.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";

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

function ctiAppOrder(field: CtiAppSortField, direction: "asc" | "desc"): Prisma.CtiAppOrderByWithRelationInput[] {
  const tie: Prisma.CtiAppOrderByWithRelationInput[] = [{ appId: direction }, { id: direction }];
  switch (field) {
    case "appId":
      return tie;
    case "user":
      return [{ userId: direction }, ...tie];
    case "source":
      return [{ source: { name: direction } }, ...tie];
    case "lastChange":
      return [{ statusChangedAt: direction }, ...tie];
  }
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
