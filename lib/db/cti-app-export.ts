// The CTI applications export's reads: windows of the filtered list, each starting after the
// previous window's last row (keyset paging), never at an OFFSET, and without a COUNT per window.
import type { Prisma } from "./generated/sqlite/client";
import { bulkReads } from "./client";
import {
  ctiAppRowSelect,
  ctiAppSortKey,
  ctiAppWhere,
  type CtiAppFilter,
  type CtiAppRow,
  type CtiAppSortField,
} from "./cti-apps";
import { keyOrder, windowWhere } from "./keyset";

/** Up to `take` CTI applications after `after` (the previous window's last row; none: from the start). */
export async function ctiAppsAfter(
  filter: CtiAppFilter,
  sort: CtiAppSortField,
  direction: "asc" | "desc",
  after: CtiAppRow | undefined,
  take: number,
): Promise<CtiAppRow[]> {
  const key = ctiAppSortKey(sort, direction);
  return bulkReads().ctiApp.findMany({
    where: windowWhere<Prisma.CtiAppWhereInput>(ctiAppWhere(filter), key, after),
    select: ctiAppRowSelect,
    orderBy: keyOrder(key) as Prisma.CtiAppOrderByWithRelationInput[],
    take,
  });
}
