// Reads of stored devices for the phones list, its CSV export and the phone detail page. Every
// list query is paged in the database; counts use COUNT / GROUP BY, never rows in memory.
import type { Prisma } from "./generated/sqlite/client";
import { db, dbProvider } from "./client";
import { containsText } from "./text-match";
import { afterKey, keyOf, keyOrder, type KeyColumn } from "./keyset";
import { parseJsonArray } from "@/lib/domain/json";
import { PHONE_CLASS } from "@/lib/domain/device-classes";
import type { LookupKey } from "@/lib/domain/lookup";
import { Recent } from "@/lib/domain/recent";

/** One word of the free-text search, with what it says about MACs already worked out. */
export interface SearchWord {
  text: string;
  /** A whole MAC (12 upper-case hex) for an exact match, or a hex fragment of one. */
  mac?: { full: string } | { fragment: string };
  /** Devices (identities) on the numbers whose extension carries this word as a person's name. */
  identities?: readonly string[];
}

export interface DeviceFilter {
  /** devices: one row per device (its representative record), status is the effective one;
   *  records: every source's own record, status is what that source reports. */
  view?: "devices" | "records";
  sourceId?: string;
  site?: string;
  /** One status, or any of several ("everything not registered"). */
  status?: string | readonly string[];
  /** The stored reason, exactly ("" for none): what an overview reason count opens. */
  reason?: string;
  /** true: the Phone class only; false: every other class (trunks, gateways, media resources…). */
  phoneClass?: boolean;
  deviceClass?: string;
  /** Soft clients are phones of these models (desk phones: of none of them). */
  modelIn?: readonly string[];
  modelNotIn?: readonly string[];
  protocol?: string;
  model?: string;
  keyPhone?: boolean;
  words?: SearchWord[];
  includeMissing?: boolean;
}

export type DeviceSortField = "name" | "status" | "model" | "ipAddress" | "statusChangedAt" | "source";

export const deviceRowSelect = {
  id: true,
  name: true,
  mac: true,
  deviceClass: true,
  model: true,
  protocol: true,
  description: true,
  userName: true,
  registrationStatus: true,
  statusReason: true,
  ipAddress: true,
  ipv6Address: true,
  firmware: true,
  node: true,
  keyPhone: true,
  primaryDn: true,
  lineCount: true,
  missing: true,
  statusChangedAt: true,
  updatedAt: true,
  effectiveStatus: true,
  fallbackSourceId: true,
  site: true,
  devicePool: true,
  location: true,
  effectiveChangedAt: true,
  listing: true,
  sourceId: true,
  source: { select: { name: true, site: true, kind: true } },
} as const satisfies Prisma.DeviceSelect;

export type DeviceRow = Prisma.DeviceGetPayload<{ select: typeof deviceRowSelect }>;

function wordWhere(word: SearchWord): Prisma.DeviceWhereInput {
  // A whole MAC is the stored MAC (derived from SEP…/ATA… names), an index lookup, not a scan.
  if (word.mac && "full" in word.mac) return { mac: word.mac.full };
  // On PostgreSQL every arm below has a trigram index (migration *_search_trigram), so the OR is
  // one BitmapOr of index scans; an arm on a column without one would make it a scan of every row.
  const text = word.text;
  const or: Prisma.DeviceWhereInput[] = [
    { name: containsText(text) },
    { description: containsText(text) },
    { userName: containsText(text) },
  ];
  // Directory numbers and IPv4 addresses hold digits: a word without one cannot match them.
  if (/\d/.test(text)) or.push({ dnIndex: { contains: text } });
  if (/^[\d.]+$/.test(text)) or.push({ ipAddress: { startsWith: text } });
  if (word.mac) or.push({ mac: { contains: word.mac.fragment } });
  // A person's name: the phones that carry their numbers (the name is on the extension).
  if (word.identities?.length) or.push({ identity: { in: [...word.identities] } });
  return { OR: or };
}

export function deviceWhere(filter: DeviceFilter): Prisma.DeviceWhereInput {
  const and: Prisma.DeviceWhereInput[] = [];
  const records = filter.view === "records";
  if (records) {
    if (!filter.includeMissing) and.push({ missing: false });
  } else and.push(filter.includeMissing ? { listing: { in: ["shown", "gone"] } } : { listing: "shown" });
  if (filter.sourceId) and.push({ sourceId: filter.sourceId });
  if (filter.site) and.push({ site: filter.site });
  if (filter.status !== undefined) {
    const statuses = typeof filter.status === "string" ? [filter.status] : [...filter.status];
    const match = statuses.length === 1 ? statuses[0]! : { in: statuses };
    and.push(records ? { registrationStatus: match } : { effectiveStatus: match });
  }
  if (filter.reason !== undefined) and.push({ statusReason: filter.reason });
  if (filter.phoneClass === true) and.push({ deviceClass: PHONE_CLASS });
  if (filter.phoneClass === false) and.push({ deviceClass: { not: PHONE_CLASS } });
  if (filter.deviceClass) and.push({ deviceClass: filter.deviceClass });
  if (filter.modelIn) and.push({ model: { in: [...filter.modelIn] } });
  if (filter.modelNotIn?.length) and.push({ model: { notIn: [...filter.modelNotIn] } });
  if (filter.protocol) and.push({ protocol: filter.protocol });
  if (filter.model) and.push({ model: filter.model });
  if (filter.keyPhone === true) and.push({ keyPhone: true });
  if (filter.keyPhone === false) and.push({ OR: [{ keyPhone: false }, { keyPhone: null }] });
  for (const word of filter.words ?? []) and.push(wordWhere(word));
  return and.length === 1 ? and[0]! : { AND: and };
}

/** The list's order, ending with the unique id: pages sort by it and the export pages after it (keyset). */
export function deviceSortKey(field: Exclude<DeviceSortField, "status">, direction: "asc" | "desc"): KeyColumn[] {
  switch (field) {
    case "name":
      return keyOf(direction, "name", "sourceId", "id");
    case "source":
      return keyOf(direction, ["source", "name"], "name", "id");
    default:
      return keyOf(direction, field, "name", "id");
  }
}

function deviceOrder(...args: Parameters<typeof deviceSortKey>): Prisma.DeviceOrderByWithRelationInput[] {
  return keyOrder(deviceSortKey(...args)) as Prisma.DeviceOrderByWithRelationInput[];
}

export async function countDevices(filter: DeviceFilter): Promise<number> {
  return db().device.count({ where: deviceWhere(filter) });
}

/**
 * What recent searches learnt on PostgreSQL, kept as hints for the same search again (the list
 * refreshes itself, people go back a page, several people look for the same phone): each list's
 * walk bound, the searches whose page was not within it, and whether their matches were dense.
 * None decides what a page or a total holds: a stale bound only moves where the walk stops (its
 * page is still the first matches in order), a search sent straight to its matches reads and sorts
 * every one of them, and a count is right whichever way it counts. So an old hint can cost a slower
 * answer, never a wrong one; it saves a search the statements that found it out.
 */
const SEARCH_HINT_MS = 60_000;
const walkBounds = new Recent<{ row: Record<string, unknown> | null }>(SEARCH_HINT_MS);
const walkMisses = new Recent<true>(SEARCH_HINT_MS);
/** Whether a search's matches were dense around its page: counted up to a limit, or all of them. */
const denseSearches = new Recent<boolean>(SEARCH_HINT_MS);

/** How many rows of the unsearched list a search's capped count may expect to walk on PostgreSQL. */
export const SEARCH_COUNT_WALK_ROWS = 20_000;

/**
 * The total of a search whose page (starting at `skip`) is full. Counting every match rechecks
 * each against its words, so PostgreSQL counts from the page's first row in the list's order and
 * stops `atMost` matches on (`atLeast`: there are more) when the matches around the page are dense
 * enough for that walk to stay short: the page spans few rows of the unsearched list. Where they
 * are sparse, the walk would read more than all matches do, and the count is exact (as SQLite's is).
 */
export async function countSearch(
  filter: DeviceFilter,
  sort: Exclude<DeviceSortField, "status">,
  direction: "asc" | "desc",
  skip: number,
  page: DeviceRow[],
  atMost: number,
): Promise<{ total: number; atLeast: boolean }> {
  const first = page[0];
  const last = page.at(-1);
  if (dbProvider() !== "postgresql" || !first || !last || page.length < 2)
    return { total: await countDevices(filter), atLeast: false };
  const key = deviceSortKey(sort, direction);
  const after = (row: DeviceRow) => afterKey(key, row) as Prisma.DeviceWhereInput;
  const before = (row: DeviceRow) => afterKey(reverseKey(key), row) as Prisma.DeviceWhereInput;
  const orderBy = keyOrder(key) as Prisma.DeviceOrderByWithRelationInput[];
  // The rows of the unsearched list the page spans, counted only as far as matters: an index walk.
  // The same search again (a refresh, another person) takes the last answer as a hint: either way
  // the count is right, only its cost would differ.
  const denseKey = JSON.stringify([filter, sort, direction, skip, page.length, atMost]);
  let dense = denseSearches.get(denseKey);
  if (dense === undefined) {
    const walk = Math.floor((SEARCH_COUNT_WALK_ROWS * page.length) / atMost);
    const spans = await db().device.count({
      where: { AND: [deviceWhere({ ...filter, words: [] }), after(first), before(last)] },
      orderBy,
      take: walk,
    });
    dense = spans + 2 <= walk;
    denseSearches.set(denseKey, dense);
  }
  if (!dense) return { total: await countDevices(filter), atLeast: false };
  const count = await db().device.count({
    where: { AND: [deviceWhere(filter), after(first)] },
    orderBy,
    take: atMost + 1,
  });
  return { total: skip + 1 + Math.min(count, atMost), atLeast: count > atMost };
}

/**
 * How far (in rows of the unsearched list, in sort order) a search's page is first looked for on
 * PostgreSQL before every match is read and sorted instead: a few milliseconds of index walk.
 */
export const SEARCH_WALK_ROWS = 2_000;

/** A page in a plain column order. */
export async function findDevices(
  filter: DeviceFilter,
  sort: Exclude<DeviceSortField, "status">,
  direction: "asc" | "desc",
  skip: number,
  take: number,
): Promise<DeviceRow[]> {
  const where = deviceWhere(filter);
  const page = { where, select: deviceRowSelect, orderBy: deviceOrder(sort, direction), skip, take };
  if (dbProvider() !== "postgresql" || !filter.words?.length) return db().device.findMany(page);
  // PostgreSQL meets a search's matches in the list's order only by walking the sort index and
  // testing each row, which it prefers when the words look common: fast when matches are spread,
  // but a common fragment whose matches sit together late in the order (q=sep00270d: 16,747
  // matches after 50,000 rows) is a walk over half the table. So the walk is bounded: the page is
  // looked for among the first rows of the unsearched list (past the skipped ones), and only when
  // it is not all there are the matches read through the trigram indexes and sorted.
  const key = deviceSortKey(sort, direction);
  const missKey = JSON.stringify([filter, sort, direction, skip, take]);
  if (walkMisses.get(missKey)) return matchesSorted(page);
  const bound = await walkBound(filter, key, sort, direction, skip);
  if (!bound) return db().device.findMany(page);
  const before = { AND: [where, afterKey(reverseKey(key), bound) as Prisma.DeviceWhereInput] };
  const early = await db().device.findMany({ ...page, where: before });
  if (early.length === take) return early;
  // Without index walks the planner reads the matches through the trigram bitmap (or, for a word
  // nearly every row has, the table) and sorts them: the cost follows the number of matches.
  walkMisses.set(missKey, true);
  return matchesSorted(page);
}

/** The row SEARCH_WALK_ROWS past `skip` in the unsearched list (null: the list is shorter). */
async function walkBound(
  filter: DeviceFilter,
  key: KeyColumn[],
  sort: Exclude<DeviceSortField, "status">,
  direction: "asc" | "desc",
  skip: number,
): Promise<Record<string, unknown> | null> {
  const unsearched = { ...filter, words: [] };
  const boundKey = JSON.stringify([unsearched, sort, direction, skip]);
  const known = walkBounds.get(boundKey);
  if (known) return known.row;
  const [row] = await db().device.findMany({
    where: deviceWhere(unsearched),
    select: keySelect(key),
    orderBy: keyOrder(key) as Prisma.DeviceOrderByWithRelationInput[],
    skip: skip + SEARCH_WALK_ROWS,
    take: 1,
  });
  walkBounds.set(boundKey, { row: row ?? null });
  return row ?? null;
}

/**
 * A page read with PostgreSQL's index scans turned off, for its transaction only (set_config's
 * third argument). A batch transaction: the two statements need nothing from each other, so no
 * callback holds the transaction open between them (measured no faster than the interactive one).
 */
async function matchesSorted(
  page: Prisma.DeviceFindManyArgs & { select: typeof deviceRowSelect },
): Promise<DeviceRow[]> {
  const [, rows] = await db().$transaction([
    db().$queryRaw`SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)`,
    db().device.findMany(page),
  ]);
  return rows as DeviceRow[];
}

/** The same columns in the opposite order: "before a row" is "after it" read backwards. */
const reverseKey = (key: readonly KeyColumn[]): KeyColumn[] =>
  key.map((c) => ({ ...c, direction: c.direction === "asc" ? "desc" : "asc" }));

/** SELECT of just the key's columns (through the relation where a column is one's). */
function keySelect(key: readonly KeyColumn[]): Prisma.DeviceSelect {
  const select: Record<string, unknown> = {};
  for (const { path } of key) {
    const [field, ...rest] = path;
    if (rest.length === 0) select[field!] = true;
    else select[field!] = { select: keySelect([{ path: rest, direction: "asc" }]) };
  }
  return select as Prisma.DeviceSelect;
}

/** Row counts per status (effective, or the source's own for records) under a filter: the status sort pages across these groups. */
export async function countDevicesByStatus(filter: DeviceFilter): Promise<{ status: string; count: number }[]> {
  if (filter.view === "records") {
    const groups = await db().device.groupBy({
      by: ["registrationStatus"],
      where: deviceWhere(filter),
      _count: { _all: true },
    });
    return groups.map((g) => ({ status: g.registrationStatus, count: g._count._all }));
  }
  const groups = await db().device.groupBy({
    by: ["effectiveStatus"],
    where: deviceWhere(filter),
    _count: { _all: true },
  });
  return groups.map((g) => ({ status: g.effectiveStatus, count: g._count._all }));
}

/** Options for the phones filters: every source with its site, and the sites, models and protocols seen. */
export async function deviceFacets(): Promise<{
  sources: { id: string; name: string; site: string; kind: string }[];
  sites: string[];
  models: string[];
  protocols: string[];
}> {
  const [sources, sites, models, protocols] = await Promise.all([
    db().source.findMany({ select: { id: true, name: true, site: true, kind: true }, orderBy: { name: "asc" } }),
    db().device.groupBy({ by: ["site"], where: { listing: "shown" }, orderBy: { site: "asc" } }),
    db().device.groupBy({ by: ["model"], where: { missing: false }, orderBy: { model: "asc" } }),
    db().device.groupBy({ by: ["protocol"], where: { missing: false }, orderBy: { protocol: "asc" } }),
  ]);
  return {
    sources,
    sites: sites.map((s) => s.site).filter(Boolean),
    models: models.map((m) => m.model).filter(Boolean),
    protocols: protocols.map((p) => p.protocol).filter(Boolean),
  };
}

export const deviceDetailSelect = {
  ...deviceRowSelect,
  lines: true,
  detail: true,
  firstSeenAt: true,
  dnIndex: true,
  // axlEnabled: whether a cluster's phones can be restarted from their page.
  source: { select: { name: true, site: true, kind: true, axlEnabled: true } },
} as const satisfies Prisma.DeviceSelect;

export type DeviceDetailRow = Prisma.DeviceGetPayload<{ select: typeof deviceDetailSelect }>;

/** Every source's record of a device, found by its name or (when given) its MAC. */
export async function findDeviceRecords(name: string, mac: string | null): Promise<DeviceDetailRow[]> {
  const names = [...new Set([name, name.toUpperCase()])];
  return db().device.findMany({
    where: { OR: [{ name: { in: names } }, ...(mac ? [{ mac }] : [])] },
    select: deviceDetailSelect,
    orderBy: [{ missing: "asc" }, { source: { name: "asc" } }],
    take: 50,
  });
}

export interface DeviceChange {
  id: number;
  at: Date;
  sourceId: string;
  sourceName: string;
  subject: string;
  change: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** The change timeline of devices by name, newest first, at most `limit` entries. */
export async function deviceChanges(names: string[], limit: number): Promise<DeviceChange[]> {
  if (names.length === 0) return [];
  const rows = await db().changeEvent.findMany({
    where: { subject: { in: names }, subjectKind: "device" },
    select: {
      id: true,
      at: true,
      sourceId: true,
      subject: true,
      change: true,
      before: true,
      after: true,
      reason: true,
      source: { select: { name: true } },
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(({ source, ...r }) => ({ ...r, sourceName: source.name }));
}

export interface CtiControlRow {
  appId: string;
  userId: string;
  status: string;
  reason: string;
  sourceName: string;
  /** The device's own CTI status under this application. */
  deviceStatus: string;
}

/** CTI applications (from selectCtiItem) that control any of these devices. */
export async function ctiAppsControlling(names: string[]): Promise<CtiControlRow[]> {
  if (names.length === 0) return [];
  // devices is JSON text [{ name, status }]: narrow with LIKE, then read it exactly.
  const rows = await db().ctiApp.findMany({
    where: { missing: false, OR: names.map((name) => ({ devices: { contains: JSON.stringify(name) } })) },
    select: {
      appId: true,
      userId: true,
      status: true,
      reason: true,
      devices: true,
      source: { select: { name: true } },
    },
    orderBy: { appId: "asc" },
    take: 50,
  });
  const wanted = new Set(names.map((n) => n.toUpperCase()));
  return rows.flatMap((row) => {
    // Entries are { name, status } as the cluster poller stores them (a bare name is read too).
    const devices = (parseJsonArray(row.devices) as Array<string | { name?: string; status?: string } | null>).map(
      (d) => (typeof d === "string" ? { name: d } : (d ?? {})),
    );
    const device = devices.find((d) => typeof d.name === "string" && wanted.has(d.name.toUpperCase()));
    return device
      ? [
          {
            appId: row.appId,
            userId: row.userId,
            status: row.status,
            reason: row.reason,
            sourceName: row.source.name,
            deviceStatus: device.status ?? "",
          },
        ]
      : [];
  });
}

/**
 * The shown devices that are exactly this MAC, address, number or name; at most `limit`. A number
 * matches the phone's first line (an index lookup), or with `anyLine` any of its lines (a scan on
 * SQLite: for an explicit lookup, not for every search).
 */
export async function devicesExactly(
  key: LookupKey,
  limit: number,
  options: { anyLine?: boolean } = {},
): Promise<DeviceRow[]> {
  const where: Prisma.DeviceWhereInput =
    key.kind === "mac"
      ? { mac: key.mac }
      : key.kind === "ip"
        ? { ipAddress: key.ip }
        : key.kind === "dn"
          ? options.anyLine
            ? { OR: [{ primaryDn: key.dn }, { dnIndex: { contains: ` ${key.dn} ` } }] }
            : { primaryDn: key.dn }
          : { name: { in: [...new Set([key.name, key.name.toUpperCase()])] } };
  // Any source's record may carry it (a router knows a phone's second line, the cluster not):
  // the devices are those records' identities, each shown once by its representing record.
  const identities = await db().device.findMany({
    where: { AND: [{ missing: false }, where] },
    select: { identity: true },
    distinct: ["identity"],
    take: limit,
  });
  if (identities.length === 0) return [];
  return db().device.findMany({
    where: { listing: "shown", identity: { in: identities.map((r) => r.identity) } },
    select: deviceRowSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit,
  });
}

/** The devices (identities) any of whose records carries one of these numbers on a line. */
export async function identitiesOnNumbers(numbers: readonly string[], limit: number): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await db().device.findMany({
    where: { missing: false, OR: numbers.map((dn) => ({ dnIndex: { contains: ` ${dn} ` } })) },
    select: { identity: true },
    distinct: ["identity"],
    take: limit,
  });
  return rows.map((r) => r.identity);
}
