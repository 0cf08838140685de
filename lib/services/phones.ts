// The phones list, its CSV export and the phone detail, as the API and pages read them.
import "server-only";
import type { z } from "zod";
import type * as contracts from "@/lib/api/contracts/inventory";
import {
  countDevices,
  countSearch,
  countDevicesByStatus,
  ctiAppsControlling,
  deviceChanges,
  deviceFacets,
  findDeviceRecords,
  findDevices,
  devicesExactly,
  identitiesOnNumbers,
  type DeviceDetailRow,
  type DeviceFilter,
  type DeviceRow,
  type DeviceSortField,
  type SearchWord,
} from "@/lib/db/phones";
import { devicesAfter } from "@/lib/db/phone-export";
import { sourceNames } from "@/lib/db/sources";
import { notFound } from "@/lib/errors";
import { csvExport, type CsvValue } from "@/lib/api/csv";
import { dottedMac, macSearchTerm, normaliseMac, searchWords } from "@/lib/domain/mac";
import {
  asEffectiveStatus,
  asRegistrationStatus,
  effectiveSortOrder,
  pageAcrossGroups,
  registrationSortOrder,
  statusSequence,
} from "@/lib/domain/status";
import { parseJsonArray, parseJsonObject } from "@/lib/domain/json";
import { PHONE_CLASS, type DeviceKind } from "@/lib/domain/device-classes";
import { lookupKeyOf, type LookupKind } from "@/lib/domain/lookup";
import { numbersNamed } from "@/lib/db/extensions";
import { softClientModelNames } from "@/lib/risport/client/models";

type PhoneQuery = Omit<z.output<typeof contracts.listPhones.query>, "format">;
type PhoneRow = z.input<typeof contracts.phoneRowSchema>;
export type PhoneFilter = Omit<PhoneQuery, "page" | "pageSize" | "sort" | "order">;

const sortFields: Record<PhoneQuery["sort"], DeviceSortField> = {
  name: "name",
  status: "status",
  model: "model",
  ip: "ipAddress",
  lastChange: "statusChangedAt",
  source: "source",
};

export function toSearchWords(q: string | undefined): SearchWord[] {
  return searchWords(q).map((text) => {
    const mac = macSearchTerm(text);
    return { text, ...(mac?.kind === "full" ? { mac: { full: mac.mac } } : mac ? { mac: { fragment: mac.hex } } : {}) };
  });
}

/** Which classes and models a kind of device is (device-classes.ts), as a database filter. */
export function kindFilter(kind: DeviceKind): Pick<DeviceFilter, "phoneClass" | "modelIn" | "modelNotIn"> {
  switch (kind) {
    case "phones":
      return { phoneClass: true };
    case "desk-phones":
      return { phoneClass: true, modelNotIn: softClientModelNames() };
    case "soft-clients":
      return { phoneClass: true, modelIn: softClientModelNames() };
    case "infrastructure":
      return { phoneClass: false };
    case "all":
      return {};
  }
}

export function deviceFilter(query: PhoneFilter): DeviceFilter {
  return {
    view: query.view,
    sourceId: query.source,
    site: query.site,
    status: query.status,
    reason: query.reason,
    // A named class is looked for among every device, whatever the kind says.
    ...(query.deviceClass ? { deviceClass: query.deviceClass } : kindFilter(query.class)),
    protocol: query.protocol,
    model: query.model,
    keyPhone: query.keyPhone,
    words: toSearchWords(query.q),
    includeMissing: query.includeMissing,
  };
}

/** Source names by id, for "in fallback on <router>" (a handful of sources, read once per request). */
export type RouterNames = ReadonlyMap<string, string>;

export function toPhoneRow(row: DeviceRow, routers: RouterNames): PhoneRow {
  const {
    source,
    mac,
    registrationStatus,
    statusChangedAt,
    updatedAt,
    effectiveStatus,
    effectiveChangedAt,
    listing: _listing,
    fallbackSourceId,
    site,
    ...rest
  } = row;
  return {
    ...rest,
    mac: dottedMac(mac),
    registrationStatus: asRegistrationStatus(registrationStatus),
    effectiveStatus: asEffectiveStatus(effectiveStatus),
    effectiveChangedAt: effectiveChangedAt.toISOString(),
    fallbackSourceId,
    fallbackRouter: fallbackSourceId ? (routers.get(fallbackSourceId) ?? null) : null,
    statusChangedAt: statusChangedAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    sourceName: source.name,
    sourceKind: source.kind,
    sourceSite: source.site,
    site,
  };
}

/** How many matches past a page's start a free-text search counts at most (PostgreSQL, dense matches): beyond, its total is "at least". */
export const SEARCH_COUNT_LIMIT = 1_000;

/** One window of the sorted, filtered list. Status sorts page across status groups in problem order. */
async function deviceWindow(
  filter: DeviceFilter,
  sort: PhoneQuery["sort"],
  order: "asc" | "desc",
  skip: number,
  take: number,
): Promise<{ rows: DeviceRow[]; total: number; totalAtLeast?: true }> {
  const field = sortFields[sort];
  if (field !== "status") {
    const rows = await findDevices(filter, field, order, skip, take);
    // A page that is not full ends the list: its length gives the total without a COUNT scan
    // (what makes a selective search one pass over the table instead of two).
    if (rows.length > 0 && rows.length < take) return { rows, total: skip + rows.length };
    if (skip === 0 && rows.length === 0) return { rows, total: 0 };
    if (!filter.words?.length) return { rows, total: await countDevices(filter) };
    // Counting a search reads every match (on PostgreSQL: rechecks each against its words), so
    // where its matches are dense a search counts SEARCH_COUNT_LIMIT past its page's start at most.
    const { total, atLeast } = await countSearch(filter, field, order, skip, rows, SEARCH_COUNT_LIMIT - 1);
    return atLeast ? { rows, total, totalAtLeast: true } : { rows, total };
  }
  const counts = await countDevicesByStatus(filter);
  const sequence = statusSequence(
    filter.view === "records" ? registrationSortOrder : effectiveSortOrder,
    counts.map((c) => c.status),
    order,
  );
  const groups = sequence.map((status) => ({ key: status, count: counts.find((c) => c.status === status)!.count }));
  const slices = pageAcrossGroups(groups, skip, take);
  const parts = await Promise.all(
    slices.map((s) => findDevices({ ...filter, status: s.key }, "name", "asc", s.skip, s.take)),
  );
  return { rows: parts.flat(), total: groups.reduce((sum, g) => sum + g.count, 0) };
}

/** Numbers per search word that names a person (letters only, three or more): at most this many. */
const PEOPLE_NUMBERS = 20;
const namesPerson = (word: SearchWord) => !word.mac && word.text.length >= 3 && /^[\p{L}'-]+$/u.test(word.text);

/** The filter with each person-like word's numbers looked up: "Ivan" finds the phones on Ivan's lines. */
export async function withPeople(filter: DeviceFilter): Promise<DeviceFilter> {
  if (!filter.words?.some(namesPerson)) return filter;
  const words = await Promise.all(
    filter.words.map(async (word) =>
      namesPerson(word)
        ? { ...word, identities: await identitiesOnNumbers(await numbersNamed(word.text, PEOPLE_NUMBERS), 100) }
        : word,
    ),
  );
  return { ...filter, words };
}

/** A one-word search's exact matches (name, MAC, number, address), shown above the list. */
const EXACT_LIMIT = 10;
async function exactMatches(q: string | undefined, routers: Promise<RouterNames>): Promise<PhoneRow[] | undefined> {
  const words = searchWords(q);
  if (words.length !== 1) return undefined;
  const rows = await devicesExactly(lookupKeyOf(words[0]!), EXACT_LIMIT);
  const names = await routers;
  return rows.map((r) => toPhoneRow(r, names));
}

export async function listPhones(query: PhoneQuery) {
  // The source names are only needed for the rows' "fallback on" column: read beside the page,
  // not before it (one round trip less on every list's way).
  const names = sourceNames();
  names.catch(() => undefined);
  const filter = await withPeople(deviceFilter(query));
  const [{ rows, total, totalAtLeast }, exact, routers] = await Promise.all([
    deviceWindow(filter, query.sort, query.order, (query.page - 1) * query.pageSize, query.pageSize),
    query.page === 1 ? exactMatches(query.q, names) : undefined,
    names,
  ]);
  return {
    items: rows.map((r) => toPhoneRow(r, routers)),
    page: query.page,
    pageSize: query.pageSize,
    total,
    ...(totalAtLeast ? { totalAtLeast } : {}),
    ...(exact ? { exact } : {}),
  };
}

/** Each pasted item's phones (exact matches only), and the items nothing matched. */
export async function lookupPhones(items: readonly string[]) {
  const routers = await sourceNames();
  const results: { query: string; kind: LookupKind; phones: PhoneRow[] }[] = [];
  // A few at a time: each is one or two index lookups.
  for (let start = 0; start < items.length; start += 20) {
    const chunk = items.slice(start, start + 20);
    const found = await Promise.all(
      chunk.map(async (query) => {
        const key = lookupKeyOf(query);
        const rows = await devicesExactly(key, EXACT_LIMIT, { anyLine: true });
        return { query, kind: key.kind, phones: rows.map((r) => toPhoneRow(r, routers)) };
      }),
    );
    results.push(...found);
  }
  return { results, notFound: results.filter((r) => r.phones.length === 0).map((r) => r.query) };
}

const csvHeader = [
  "name",
  "mac",
  "description",
  "user",
  "model",
  "protocol",
  "deviceClass",
  "primaryDn",
  "lineCount",
  "status",
  "fallbackRouter",
  "sourceStatus",
  "statusReason",
  "ipAddress",
  "ipv6Address",
  "node",
  "firmware",
  "keyPhone",
  "lastChange",
  "source",
  "site",
  "missing",
  "devicePool",
  "location",
];
const csvValues = (r: PhoneRow): CsvValue[] => [
  r.name,
  r.mac,
  r.description,
  r.userName,
  r.model,
  r.protocol,
  r.deviceClass,
  r.primaryDn,
  r.lineCount,
  r.effectiveStatus,
  r.fallbackRouter,
  r.registrationStatus,
  r.statusReason,
  r.ipAddress,
  r.ipv6Address,
  r.node,
  r.firmware,
  r.keyPhone,
  r.statusChangedAt,
  r.sourceName,
  r.site,
  r.missing,
  r.devicePool,
  r.location,
];

/** The whole filtered list in the chosen order, written as CSV batch by batch. */
export function listPhonesCsv(query: Omit<PhoneQuery, "page" | "pageSize">): ReadableStream<Uint8Array> {
  // Router names and the people's numbers are read once, with the first window, and serve the whole export.
  let routers: RouterNames = new Map();
  let read: ReturnType<typeof exportWindows> | undefined;
  return csvExport<DeviceRow>({
    header: csvHeader,
    window: async (after, take) => {
      read ??= exportWindows(await withPeople(deviceFilter(query)), query.sort, query.order);
      const [rows, names] = await Promise.all([read(after, take), after ? routers : sourceNames()]);
      routers = names;
      return rows;
    },
    values: (row) => csvValues(toPhoneRow(row, routers)),
    bom: query.bom === "1",
  });
}

/**
 * The export's windows, keyset-paged (lib/db/phone-export.ts). A status sort walks the status
 * groups in problem order, counted once when the export starts, each group in name order as the
 * list pages them.
 */
function exportWindows(
  filter: DeviceFilter,
  sort: PhoneQuery["sort"],
  order: "asc" | "desc",
): (after: DeviceRow | undefined, take: number) => Promise<DeviceRow[]> {
  const field = sortFields[sort];
  if (field !== "status") return (after, take) => devicesAfter(filter, field, order, after, take);
  const statusOf = (row: DeviceRow) => (filter.view === "records" ? row.registrationStatus : row.effectiveStatus);
  let sequence: Promise<string[]> | undefined;
  return async (after, take) => {
    sequence ??= countDevicesByStatus(filter).then((counts) =>
      statusSequence(
        filter.view === "records" ? registrationSortOrder : effectiveSortOrder,
        counts.map((c) => c.status),
        order,
      ),
    );
    const statuses = await sequence;
    const rows: DeviceRow[] = [];
    let cursor = after;
    for (let i = after ? Math.max(0, statuses.indexOf(statusOf(after))) : 0; i < statuses.length; i++) {
      rows.push(...(await devicesAfter({ ...filter, status: statuses[i] }, "name", "asc", cursor, take - rows.length)));
      if (rows.length >= take) break;
      cursor = undefined;
    }
    return rows;
  };
}

export const HISTORY_LIMIT = 200;

/** A router restarts its phones through the CLI; a cluster restarts phones (not trunks or gateways) through AXL. */
const restartable = (row: DeviceDetailRow) =>
  !row.missing &&
  (row.source.kind === "cme" ||
    (row.source.kind === "cucm" && row.source.axlEnabled && row.deviceClass === PHONE_CLASS));

function toPhoneRecord(row: DeviceDetailRow, routers: RouterNames) {
  const { lines, detail, firstSeenAt, dnIndex: _dn, ...rest } = row;
  return {
    ...toPhoneRow(rest, routers),
    lines: parseJsonArray(lines).filter(isObject),
    detail: parseJsonObject(detail),
    firstSeenAt: firstSeenAt.toISOString(),
    restartable: restartable(row),
  };
}
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** Every source's record of one device (by name or MAC) and its change timeline. */
export async function getPhone(nameOrMac: string): Promise<z.input<typeof contracts.getPhone.response>> {
  const mac = normaliseMac(nameOrMac);
  const found = await findDeviceRecords(nameOrMac, mac);
  if (found.length === 0) throw notFound(`The phone ${nameOrMac}`);
  // The record that represents the device first: it carries the effective state.
  const rank = (r: DeviceDetailRow) => (r.listing === "shadow" ? 1 : 0);
  const records = [...found].sort((a, b) => rank(a) - rank(b));
  const names = [...new Set(records.map((r) => r.name))];
  const [history, ctiControl, routers] = await Promise.all([
    deviceChanges(names, HISTORY_LIMIT),
    ctiAppsControlling(names),
    sourceNames(),
  ]);
  const first = records[0]!;
  return {
    name: first.name,
    mac: dottedMac(first.mac ?? mac),
    effectiveStatus: asEffectiveStatus(first.effectiveStatus),
    fallbackRouter: first.fallbackSourceId ? (routers.get(first.fallbackSourceId) ?? null) : null,
    site: first.site,
    records: records.map((r) => toPhoneRecord(r, routers)),
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    historyLimit: HISTORY_LIMIT,
    ctiControl,
  };
}

/** What the phones filters offer: sources, sites, models and protocols that exist. */
export async function phoneFilterOptions() {
  const facets = await deviceFacets();
  const sites = [...new Set([...facets.sources.map((s) => s.site), ...facets.sites])].filter(Boolean).sort();
  return { ...facets, sites };
}
