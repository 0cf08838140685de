// CTI application connections and their CSV export. Sorting by status puts failed opens first.
import "server-only";
import type { z } from "zod";
import type * as contracts from "@/lib/api/contracts/inventory";
import { countCtiApps, countCtiAppsByStatus, findCtiApps, type CtiAppFilter, type CtiAppRow } from "@/lib/db/cti-apps";
import { ctiAppsAfter } from "@/lib/db/cti-app-export";
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
  return csvExport<CtiAppRow>({
    header,
    window: exportWindows(filter, query.sort, query.order),
    values: (row) => values(toRow(row)),
    bom: query.bom === "1",
  });
}

/**
 * The export's windows, keyset-paged (lib/db/cti-app-export.ts): no OFFSET rescans, no COUNT per
 * window. A status sort walks the status groups in order, counted once when the export starts,
 * each group in application order as the list pages them.
 */
function exportWindows(
  filter: CtiAppFilter,
  sort: CtiQuery["sort"],
  order: "asc" | "desc",
): (after: CtiAppRow | undefined, take: number) => Promise<CtiAppRow[]> {
  if (sort !== "status") return (after, take) => ctiAppsAfter(filter, sort, order, after, take);
  let sequence: Promise<string[]> | undefined;
  return async (after, take) => {
    sequence ??= countCtiAppsByStatus(filter).then((counts) =>
      statusSequence(
        ctiSortOrder,
        counts.map((c) => c.status),
        order,
      ),
    );
    const statuses = await sequence;
    const rows: CtiAppRow[] = [];
    let cursor = after;
    for (let i = after ? Math.max(0, statuses.indexOf(after.status)) : 0; i < statuses.length; i++) {
      rows.push(
        ...(await ctiAppsAfter({ ...filter, status: statuses[i] }, "appId", "asc", cursor, take - rows.length)),
      );
      if (rows.length >= take) break;
      cursor = undefined;
    }
    return rows;
  };
}

/** The clusters the CTI filters offer. */
export async function ctiFilterOptions() {
  const sources = await sourcesWithHealth();
  return { sources: sources.filter((s) => s.kind === "cucm").map((s) => ({ id: s.id, name: s.name, site: s.site })) };
}
