// History that grows with change: per-poll counts (the trend series), router event-log entries
// stored once, and retention that prunes old history in small batches.
import type { Db } from "./client";
import type { PollCounts } from "./inventory-types";
import { PHONE_CLASS } from "@/lib/domain/device-classes";
import { Prisma } from "./generated/sqlite/client";
import { rawBatch, rawExecute, rawQuery } from "./raw-run";
import { insertRowsSql, inList } from "./raw-sql";

/** Values per IN list, and rows per INSERT (8 values each): far below both databases' limits. */
const IN_CHUNK = 500;
const INSERT_ROWS = 1_000;
const ROUTER_EVENT_COLUMNS = ["sourceId", "kind", "eventId", "routerTime", "subject", "type", "status", "receivedAt"];

/**
 * A source's devices as stored now (missing ones counted apart), and its phones by registration
 * status: the trend counts phones, not the trunks, gateways and media resources beside them.
 */
export async function deviceCounts(db: Db, sourceId: string): Promise<PollCounts> {
  // Raw: counted after every poll of every source (lib/db/raw-sql.ts says why). COUNT comes back
  // as a bigint on both databases.
  const groups = await rawQuery<{
    registrationStatus: string;
    missing: boolean;
    deviceClass: string;
    n: bigint | number;
  }>(
    db,
    Prisma.sql`SELECT "registrationStatus", "missing", "deviceClass", COUNT(*) AS "n" FROM "Device"
    WHERE "sourceId" = ${sourceId} GROUP BY "registrationStatus", "missing", "deviceClass"`,
  );
  const counts: PollCounts = {
    devices: 0,
    registered: 0,
    unregistered: 0,
    rejected: 0,
    partiallyRegistered: 0,
    unknown: 0,
    missing: 0,
  };
  for (const group of groups) {
    const n = Number(group.n);
    if (group.missing) {
      counts.missing += n;
      continue;
    }
    counts.devices += n;
    if (group.deviceClass !== PHONE_CLASS) continue;
    switch (group.registrationStatus) {
      case "registered":
        counts.registered += n;
        break;
      case "unregistered":
        counts.unregistered += n;
        break;
      case "rejected":
        counts.rejected += n;
        break;
      case "partially-registered":
        counts.partiallyRegistered += n;
        break;
      default:
        counts.unknown += n;
    }
  }
  return counts;
}

export interface RouterEventInput {
  kind: "device" | "extension";
  eventId: string;
  routerTime: string;
  subject: string;
  type: string;
  status: string;
}

const eventKey = (e: { kind: string; eventId: string; routerTime: string }) =>
  `${e.kind}\u0000${e.eventId}\u0000${e.routerTime}`;

/**
 * Stores the router's event-log entries not stored before (the router repeats its whole ring
 * while entries are retained). Returns how many were new.
 */
export async function storeRouterEvents(
  db: Db,
  sourceId: string,
  events: readonly RouterEventInput[],
  receivedAt: Date,
): Promise<number> {
  if (events.length === 0) return 0;
  // Raw: every router poll stores its event log (lib/db/raw-sql.ts says why).
  const eventIds = [...new Set(events.map((e) => e.eventId))];
  const existing: Array<{ kind: string; eventId: string; routerTime: string }> = [];
  for (let start = 0; start < eventIds.length; start += IN_CHUNK)
    existing.push(
      ...(await rawQuery<(typeof existing)[number]>(
        db,
        Prisma.sql`SELECT "kind", "eventId", "routerTime" FROM "RouterEvent"
        WHERE "sourceId" = ${sourceId} AND ${inList("eventId", eventIds.slice(start, start + IN_CHUNK))}`,
      )),
    );
  const seen = new Set(existing.map(eventKey));
  const fresh: RouterEventInput[] = [];
  for (const event of events) {
    const key = eventKey(event);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(event);
  }
  if (fresh.length === 0) return 0;
  const rows = fresh.map((e) => ({ ...e, sourceId, receivedAt }));
  const inserts: Prisma.Sql[] = [];
  for (let start = 0; start < rows.length; start += INSERT_ROWS)
    inserts.push(insertRowsSql("RouterEvent", ROUTER_EVENT_COLUMNS, rows.slice(start, start + INSERT_ROWS)));
  // One statement (a ring of a few hundred entries at most) needs no transaction of its own.
  if (inserts.length === 1) await rawExecute(db, inserts[0]!);
  else await rawBatch(db, inserts);
  return fresh.length;
}

export interface PruneRequest {
  /** Change events, router events and rows missing since before this are deleted. */
  changesBefore: Date;
  /** Poll rows (the trend series) older than this are deleted. */
  pollsBefore: Date;
  batchSize: number;
}

export interface PruneResult {
  changeEvents: number;
  routerEvents: number;
  polls: number;
  missingRows: number;
}

/** Deletes by id in batches, so neither database holds a long lock or builds a huge transaction. */
async function inBatches(
  find: () => Promise<Array<{ id: string | number }>>,
  remove: (ids: Array<string | number>) => Promise<{ count: number }>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (await find()).map((row) => row.id);
    if (ids.length === 0) return total;
    total += (await remove(ids)).count;
  }
}

export async function pruneHistory(db: Db, request: PruneRequest): Promise<PruneResult> {
  const take = request.batchSize;
  const changeEvents = await inBatches(
    () =>
      db.changeEvent.findMany({
        where: { at: { lt: request.changesBefore } },
        select: { id: true },
        take,
        orderBy: { id: "asc" },
      }),
    (ids) => db.changeEvent.deleteMany({ where: { id: { in: ids as number[] } } }),
  );
  const routerEvents = await inBatches(
    () =>
      db.routerEvent.findMany({
        where: { receivedAt: { lt: request.changesBefore } },
        select: { id: true },
        take,
        orderBy: { id: "asc" },
      }),
    (ids) => db.routerEvent.deleteMany({ where: { id: { in: ids as number[] } } }),
  );
  const polls = await inBatches(
    () => db.poll.findMany({ where: { startedAt: { lt: request.pollsBefore } }, select: { id: true }, take }),
    (ids) => db.poll.deleteMany({ where: { id: { in: ids as string[] } } }),
  );
  // A device, extension or CTI application gone for longer than its change history is kept is forgotten.
  const gone = { missing: true, statusChangedAt: { lt: request.changesBefore } };
  let missingRows = 0;
  missingRows += await inBatches(
    () => db.device.findMany({ where: gone, select: { id: true }, take }),
    (ids) => db.device.deleteMany({ where: { id: { in: ids as string[] } } }),
  );
  missingRows += await inBatches(
    () => db.extension.findMany({ where: gone, select: { id: true }, take }),
    (ids) => db.extension.deleteMany({ where: { id: { in: ids as string[] } } }),
  );
  missingRows += await inBatches(
    () => db.ctiApp.findMany({ where: gone, select: { id: true }, take }),
    (ids) => db.ctiApp.deleteMany({ where: { id: { in: ids as string[] } } }),
  );
  return { changeEvents, routerEvents, polls, missingRows };
}
