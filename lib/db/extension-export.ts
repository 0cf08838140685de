// The extensions export's reads: windows of the filtered list, each starting after the previous
// window's last row (keyset paging), never at an OFFSET, and without a COUNT per window.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import {
  extensionRowSelect,
  extensionWhere,
  type ExtensionFilter,
  type ExtensionRow,
  type ExtensionSortField,
} from "./extensions";
import { keyOf, keyOrder, windowWhere, type KeyColumn } from "./keyset";

/** The same order as the extensions list (lib/db/extensions.ts extensionOrder), ending with the id. */
export function extensionExportKey(field: ExtensionSortField, direction: "asc" | "desc"): KeyColumn[] {
  const tie = ["number", "id"];
  switch (field) {
    case "number":
      return keyOf(direction, ...tie);
    case "status":
      return keyOf(direction, "status", ...tie);
    case "name":
      return keyOf(direction, "lastName", "firstName", ...tie);
    case "source":
      return keyOf(direction, ["source", "name"], ...tie);
    case "lastChange":
      return keyOf(direction, "statusChangedAt", ...tie);
  }
}

/** Up to `take` extensions after `after` (the previous window's last row; none: from the start). */
export async function extensionsAfter(
  filter: ExtensionFilter,
  sort: ExtensionSortField,
  direction: "asc" | "desc",
  after: ExtensionRow | undefined,
  take: number,
): Promise<ExtensionRow[]> {
  const key = extensionExportKey(sort, direction);
  return db().extension.findMany({
    where: windowWhere<Prisma.ExtensionWhereInput>(extensionWhere(filter), key, after),
    select: extensionRowSelect,
    orderBy: keyOrder(key) as Prisma.ExtensionOrderByWithRelationInput[],
    take,
  });
}
