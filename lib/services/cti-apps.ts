// CTI application connections and their CSV export. Sorting by status puts failed opens first.
import "server-only";
import type { z } from "zod";
import type * as contracts from "@/lib/api/contracts/inventory";
import { countCtiApps, countCtiAppsByStatus, findCtiApps, type CtiAppFilter, type CtiAppRow } from "@/lib/db/cti-apps";
import { sourcesWithHealth } from "@/lib/db/overview";
import { csvExport, type CsvValue } from "@/lib/api/csv";
import { parseJsonArray } from "@/lib/domain/json";
import { ctiSortOrder, ctiStatuses, pageAcrossGroups, statusSequence, type CtiStatus } from "@/lib/domain/status";

type CtiQuery = Omit<z.output<typeof contracts.listCtiApps.query>, "format">;
type Row = z.input<typeof contracts.ctiAppRowSchema>;

const asCtiStatus = (s: string): CtiStatus =>
  (ctiStatuses as readonly string[]).includes(s) ? (s as CtiStatus) : "unknown";

function toRow(row: CtiAppRow): Row {
  const { source, devices, lines, status, statusChangedAt, ...rest } = row;
  return {
    ...rest,
    status: asCtiStatus(status),
    devices: parseJsonArray(devices),
    lines: parseJsonArray(lines),
    statusChangedAt: statusChangedAt.toISOString(),
    sourceName: source.name,
    site: source.site,
  };
}

async function ctiWindow(
  filter: CtiAppFilter,
  sort: CtiQuery["sort"],
  order: "asc" | "desc",
  skip: number,
  take: number,
): Promise<{ rows: CtiAppRow[]; total: number }> {
  if (sort !== "status") {
    const [rows, total] = await Promise.all([findCtiApps(filter, sort, order, skip, take), countCtiApps(filter)]);
    return { rows, total };
  }
  const counts = await countCtiAppsByStatus(filter);
  const groups = statusSequence(
    ctiSortOrder,
    counts.map((c) => c.status),
    order,
  ).map((status) => ({ key: status, count: counts.find((c) => c.status === status)!.count }));
  const parts = await Promise.all(
    pageAcrossGroups(groups, skip, take).map((s) =>
      findCtiApps({ ...filter, status: s.key }, "appId", "asc", s.skip, s.take),
    ),
  );
  return { rows: parts.flat(), total: groups.reduce((sum, g) => sum + g.count, 0) };
}

const filterOf = (q: Omit<CtiQuery, "page" | "pageSize">): CtiAppFilter => ({ sourceId: q.source, status: q.status });

export async function listCtiApps(query: CtiQuery) {
  const { rows, total } = await ctiWindow(
    filterOf(query),
    query.sort,
    query.order,
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: rows.map(toRow), page: query.page, pageSize: query.pageSize, total };
}

const header = [
  "appId",
  "user",
  "address",
  "status",
  "reason",
  "node",
  "devices",
  "lines",
  "lastChange",
  "source",
  "site",
  "missing",
];
const values = (r: Row): CsvValue[] => [
  r.appId,
  r.userId,
  r.address,
  r.status,
  r.reason,
  r.node,
  r.devices.length ? r.devices : "",
  r.lines.length ? r.lines : "",
  r.statusChangedAt,
  r.sourceName,
  r.site,
  r.missing,
];

export function listCtiAppsCsv(query: Omit<CtiQuery, "page" | "pageSize">): ReadableStream<Uint8Array> {
  const filter = filterOf(query);
  return csvExport({
    header,
    window: async (skip, take) => (await ctiWindow(filter, query.sort, query.order, skip, take)).rows.map(toRow),
    values,
    bom: query.bom === "1",
  });
}

/** The clusters the CTI filters offer. */
export async function ctiFilterOptions() {
  const sources = await sourcesWithHealth();
  return { sources: sources.filter((s) => s.kind === "cucm").map((s) => ({ id: s.id, name: s.name, site: s.site })) };
}
