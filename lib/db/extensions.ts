// Reads of stored extensions (CME ephone-dns and SIP dns): filtered, sorted and paged in the database.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { containsText } from "./text-match";
import { keyOf, keyOrder, type KeyColumn } from "./keyset";

export interface ExtensionFilter {
  sourceId?: string;
  status?: string;
  words?: string[];
  includeMissing?: boolean;
}

export type ExtensionSortField = "number" | "status" | "name" | "source" | "lastChange";

export const extensionRowSelect = {
  id: true,
  key: true,
  tag: true,
  number: true,
  secondaryNumber: true,
  kind: true,
  type: true,
  status: true,
  callStatus: true,
  lineMode: true,
  firstName: true,
  lastName: true,
  forwardAll: true,
  devices: true,
  missing: true,
  statusChangedAt: true,
  sourceId: true,
  source: { select: { name: true, site: true } },
} as const satisfies Prisma.ExtensionSelect;

export type ExtensionRow = Prisma.ExtensionGetPayload<{ select: typeof extensionRowSelect }>;

export function extensionWhere(filter: ExtensionFilter): Prisma.ExtensionWhereInput {
  const and: Prisma.ExtensionWhereInput[] = [];
  if (!filter.includeMissing) and.push({ missing: false });
  if (filter.sourceId) and.push({ sourceId: filter.sourceId });
  if (filter.status) and.push({ status: filter.status });
  for (const word of filter.words ?? []) {
    and.push({
      OR: [
        { number: { contains: word } },
        { secondaryNumber: { contains: word } },
        { firstName: containsText(word) },
        { lastName: containsText(word) },
      ],
    });
  }
  return { AND: and };
}

/** The list's order, ending with the unique id: pages sort by it and the export pages after it (keyset). */
export function extensionSortKey(field: ExtensionSortField, direction: "asc" | "desc"): KeyColumn[] {
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

function extensionOrder(...args: Parameters<typeof extensionSortKey>): Prisma.ExtensionOrderByWithRelationInput[] {
  return keyOrder(extensionSortKey(...args)) as Prisma.ExtensionOrderByWithRelationInput[];
}

export async function listExtensions(
  filter: ExtensionFilter,
  sort: ExtensionSortField,
  direction: "asc" | "desc",
  skip: number,
  take: number,
): Promise<{ rows: ExtensionRow[]; total: number }> {
  const where = extensionWhere(filter);
  const [rows, total] = await Promise.all([
    db().extension.findMany({
      where,
      select: extensionRowSelect,
      orderBy: extensionOrder(sort, direction),
      skip,
      take,
    }),
    db().extension.count({ where }),
  ]);
  return { rows, total };
}

/** Extension statuses present, for the status filter. */
export async function extensionStatuses(): Promise<string[]> {
  const groups = await db().extension.groupBy({
    by: ["status"],
    where: { missing: false },
    orderBy: { status: "asc" },
  });
  return groups.map((g) => g.status).filter(Boolean);
}

/**
 * Directory numbers whose ephone-dn or SIP dn carries this name (first or last name), at most
 * `limit`: how a search for a person finds the phones on their numbers.
 */
export async function numbersNamed(word: string, limit: number): Promise<string[]> {
  const rows = await db().extension.findMany({
    where: {
      missing: false,
      number: { not: "" },
      OR: [{ firstName: containsText(word) }, { lastName: containsText(word) }],
    },
    select: { number: true },
    distinct: ["number"],
    orderBy: { number: "asc" },
    take: limit,
  });
  return rows.map((r) => r.number);
}
