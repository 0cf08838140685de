// The phones export's reads: windows of the filtered list in a plain column order, each starting
// after the previous window's last row (keyset paging), never at an OFFSET.
import type { Prisma } from "./generated/sqlite/client";
import { bulkReads } from "./client";
import {
  deviceRowSelect,
  deviceSortKey,
  deviceWhere,
  type DeviceFilter,
  type DeviceRow,
  type DeviceSortField,
} from "./phones";
import { keyOrder, windowWhere } from "./keyset";

/** Up to `take` devices after `after` (the previous window's last row; none: from the start). */
export async function devicesAfter(
  filter: DeviceFilter,
  sort: Exclude<DeviceSortField, "status">,
  direction: "asc" | "desc",
  after: DeviceRow | undefined,
  take: number,
): Promise<DeviceRow[]> {
  const key = deviceSortKey(sort, direction);
  return bulkReads().device.findMany({
    where: windowWhere<Prisma.DeviceWhereInput>(deviceWhere(filter), key, after),
    select: deviceRowSelect,
    orderBy: keyOrder(key) as Prisma.DeviceOrderByWithRelationInput[],
    take,
  });
}
