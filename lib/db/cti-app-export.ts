// The CTI applications export's reads: windows of the filtered list, each starting after the
// previous window's last row (keyset paging), never at an OFFSET, and without a COUNT per window.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { ctiAppRowSelect, ctiAppWhere, type CtiAppFilter, type CtiAppRow, type CtiAppSortField } from "./cti-apps";
import { keyOf, keyOrder, windowWhere, type KeyColumn } from "./keyset";

/** The same order as the CTI list (lib/db/cti-apps.ts ctiAppOrder), ending with the id. */
export function ctiAppExportKey(field: CtiAppSortField, direction: "asc" | "desc"): KeyColumn[] {
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

/** Up to `take` CTI applications after `after` (the previous window's last row; none: from the start). */
export async function ctiAppsAfter(
  filter: CtiAppFilter,
  sort: CtiAppSortField,
  direction: "asc" | "desc",
  after: CtiAppRow | undefined,
  take: number,
): Promise<CtiAppRow[]> {
  const key = ctiAppExportKey(sort, direction);
  return db().ctiApp.findMany({
    where: windowWhere<Prisma.CtiAppWhereInput>(ctiAppWhere(filter), key, after),
    select: ctiAppRowSelect,
    orderBy: keyOrder(key) as Prisma.CtiAppOrderByWithRelationInput[],
    take,
  });
}
