// The extensions list and its CSV export, as the API and pages read them.
import "server-only";
import type { z } from "zod";
import type * as contracts from "@/lib/api/contracts/inventory";
import * as extensionsDb from "@/lib/db/extensions";
import type { ExtensionFilter, ExtensionRow } from "@/lib/db/extensions";
import { extensionsAfter } from "@/lib/db/extension-export";
import { sourcesWithHealth } from "@/lib/db/overview";
import { csvExport, type CsvValue } from "@/lib/api/csv";
import { parseJsonArray } from "@/lib/domain/json";
import { searchWords } from "@/lib/domain/mac";

type ExtensionQuery = Omit<z.output<typeof contracts.listExtensions.query>, "format">;
type Row = z.input<typeof contracts.extensionRowSchema>;

const filterOf = (q: Omit<ExtensionQuery, "page" | "pageSize">): ExtensionFilter => ({
  sourceId: q.source,
  status: q.status,
  words: searchWords(q.q),
});

function toRow(row: ExtensionRow): Row {
  const { source, devices, statusChangedAt, ...rest } = row;
  return {
    ...rest,
    devices: parseJsonArray(devices).map(String),
    statusChangedAt: statusChangedAt.toISOString(),
    sourceName: source.name,
    site: source.site,
  };
}

export async function listExtensions(query: ExtensionQuery) {
  const { rows, total } = await extensionsDb.listExtensions(
    filterOf(query),
    query.sort,
    query.order,
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: rows.map(toRow), page: query.page, pageSize: query.pageSize, total };
}

const header = [
  "number",
  "secondaryNumber",
  "tag",
  "kind",
  "type",
  "status",
  "callStatus",
  "lineMode",
  "firstName",
  "lastName",
  "forwardAll",
  "phones",
  "lastChange",
  "source",
  "site",
  "missing",
];
const values = (r: Row): CsvValue[] => [
  r.number,
  r.secondaryNumber,
  r.tag,
  r.kind,
  r.type,
  r.status,
  r.callStatus,
  r.lineMode,
  r.firstName,
  r.lastName,
  r.forwardAll,
  r.devices.join(" "),
  r.statusChangedAt,
  r.sourceName,
  r.site,
  r.missing,
];

export function listExtensionsCsv(query: Omit<ExtensionQuery, "page" | "pageSize">): ReadableStream<Uint8Array> {
  const filter = filterOf(query);
  return csvExport<ExtensionRow>({
    header,
    // Keyset windows (lib/db/extension-export.ts): no OFFSET rescans, no COUNT per window.
    window: (after, take) => extensionsAfter(filter, query.sort, query.order, after, take),
    values: (row) => values(toRow(row)),
    bom: query.bom === "1",
  });
}

/** What the extensions filters offer: the routers, and the statuses the routers reported. */
export async function extensionFilterOptions() {
  const [sources, statuses] = await Promise.all([sourcesWithHealth(), extensionsDb.extensionStatuses()]);
  return {
    sources: sources.filter((s) => s.kind === "cme").map((s) => ({ id: s.id, name: s.name, site: s.site })),
    statuses,
  };
}
