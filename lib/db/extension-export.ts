// The extensions export's reads: windows of the filtered list, each starting after the previous
// window's last row (keyset paging), never at an OFFSET, and without a COUNT per window.
import type { Prisma } from "./generated/sqlite/client";
import { bulkReads } from "./client";
import {
  extensionRowSelect,
  extensionSortKey,
  extensionWhere,
  type ExtensionFilter,
  type ExtensionRow,
  type ExtensionSortField,
} from "./extensions";
import { keyOrder, windowWhere } from "./keyset";

/** Up to `take` extensions after `after` (the previous window's last row; none: from the start). */
export async function extensionsAfter(
  filter: ExtensionFilter,
  sort: ExtensionSortField,
  direction: "asc" | "desc",
  after: ExtensionRow | undefined,
  take: number,
): Promise<ExtensionRow[]> {
  const key = extensionSortKey(sort, direction);
  return bulkReads().extension.findMany({
    where: windowWhere<Prisma.ExtensionWhereInput>(extensionWhere(filter), key, after),
    select: extensionRowSelect,
    orderBy: keyOrder(key) as Prisma.ExtensionOrderByWithRelationInput[],
    take,
  });
}
