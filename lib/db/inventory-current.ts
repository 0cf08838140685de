// The current state of devices, extensions and CTI applications per source: a light index for
// the diff, the full previous rows only for what changed, and chunked writes that keep each
// row change and its change events in the same transaction.
import type { Db } from "./client";
import type { Prisma } from "./generated/sqlite/client";
import type { ChangeEventInput, IndexEntry, StateOf, SubjectKind } from "./inventory-types";
import { deviceIdentity } from "./device-identity";

/** Rows per transaction: small enough to keep SQLite's write lock and PostgreSQL's row locks short, large enough that 40,000 new devices take ~80 transactions. */
export const WRITE_CHUNK = 500;
/** Ids per `IN (...)` list: far below SQLite's and PostgreSQL's parameter limits. */
const READ_CHUNK = 500;

type Promised = Promise<unknown>;
/** The slice of a Prisma model delegate the inventory uses; the three models share it. */
interface Table {
  findMany(args: object): Promise<Record<string, unknown>[]>;
  createMany(args: { data: object[] }): Promised;
  updateMany(args: { where: object; data: object }): Promised;
}

const tables: Record<
  SubjectKind,
  { table(db: Db): Table; key: string; status: string; subject: string; firstSeen: boolean }
> = {
  device: {
    table: (db) => db.device as unknown as Table,
    key: "name",
    status: "registrationStatus",
    subject: "name",
    firstSeen: true,
  },
  extension: {
    table: (db) => db.extension as unknown as Table,
    key: "key",
    status: "status",
    subject: "number",
    firstSeen: false,
  },
  cti: {
    table: (db) => db.ctiApp as unknown as Table,
    key: "appId",
    status: "status",
    subject: "appId",
    firstSeen: false,
  },
};

/** Every stored row of one kind for a source: key, fingerprint, missing flag and status. */
export async function currentIndex(db: Db, kind: SubjectKind, sourceId: string): Promise<Map<string, IndexEntry>> {
  const spec = tables[kind];
  const select = {
    id: true,
    fingerprint: true,
    missing: true,
    [spec.key]: true,
    [spec.status]: true,
    [spec.subject]: true,
  };
  const rows = await spec.table(db).findMany({ where: { sourceId }, select });
  const index = new Map<string, IndexEntry>();
  for (const row of rows) {
    const key = String(row[spec.key]);
    index.set(key, {
      id: String(row.id),
      key,
      fingerprint: String(row.fingerprint),
      missing: Boolean(row.missing),
      status: String(row[spec.status]),
      subject: String(row[spec.subject]),
    });
  }
  return index;
}

/** Full previous rows (state plus id) for the given ids. */
export async function currentRows<K extends SubjectKind>(
  db: Db,
  kind: K,
  ids: readonly string[],
): Promise<Array<StateOf<K> & { id: string }>> {
  const table = tables[kind].table(db);
  const rows: Array<StateOf<K> & { id: string }> = [];
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const found = await table.findMany({ where: { id: { in: ids.slice(start, start + READ_CHUNK) } } });
    rows.push(...(found as unknown as Array<StateOf<K> & { id: string }>));
  }
  return rows;
}

export interface SubjectWrites<K extends SubjectKind> {
  kind: K;
  creates: Array<{ state: StateOf<K>; fingerprint: string; events: ChangeEventInput[] }>;
  updates: Array<{
    id: string;
    state: StateOf<K>;
    fingerprint: string;
    statusChanged: boolean;
    events: ChangeEventInput[];
  }>;
  missing: Array<{ id: string; key: string; events: ChangeEventInput[] }>;
}

type Unit =
  | { op: "create"; data: object; events: ChangeEventInput[] }
  | { op: "update"; id: string; data: object; events: ChangeEventInput[] }
  | { op: "missing"; id: string; events: ChangeEventInput[] };

/**
 * Writes what changed, `chunk` rows per transaction. A crash between chunks leaves some rows
 * written with their events and the rest untouched, so the next poll's diff finishes the job.
 */
export async function writeSubjects<K extends SubjectKind>(
  db: Db,
  options: { sourceId: string; pollId: string; at: Date; writes: SubjectWrites<K>; chunk?: number },
): Promise<number> {
  const { sourceId, pollId, at, writes } = options;
  const spec = tables[writes.kind];
  const units: Unit[] = [
    ...writes.creates.map(
      (c): Unit => ({
        op: "create",
        data: {
          ...c.state,
          sourceId,
          fingerprint: c.fingerprint,
          missing: false,
          statusChangedAt: at,
          ...(spec.firstSeen ? { firstSeenAt: at } : {}),
          ...(writes.kind === "device" ? { identity: deviceIdentity(c.state as StateOf<"device">) } : {}),
        },
        events: c.events,
      }),
    ),
    ...writes.updates.map(
      (u): Unit => ({
        op: "update",
        id: u.id,
        data: {
          ...u.state,
          fingerprint: u.fingerprint,
          missing: false,
          ...(u.statusChanged ? { statusChangedAt: at } : {}),
        },
        events: u.events,
      }),
    ),
    ...writes.missing.map((m): Unit => ({ op: "missing", id: m.id, events: m.events })),
  ];
  const size = options.chunk ?? WRITE_CHUNK;
  let events = 0;
  for (let start = 0; start < units.length; start += size) {
    const chunk = units.slice(start, start + size);
    const table = spec.table(db);
    const ops: Promised[] = [];
    const creates = chunk.flatMap((u) => (u.op === "create" ? [u.data] : []));
    if (creates.length > 0) ops.push(table.createMany({ data: creates }));
    // updateMany: no row is read back, which makes it several times cheaper than update.
    for (const unit of chunk)
      if (unit.op === "update") ops.push(table.updateMany({ where: { id: unit.id }, data: unit.data }));
    const gone = chunk.flatMap((u) => (u.op === "missing" ? [u.id] : []));
    if (gone.length > 0)
      ops.push(table.updateMany({ where: { id: { in: gone } }, data: { missing: true, statusChangedAt: at } }));
    const eventRows = chunk.flatMap((u) => u.events.map((e) => ({ ...e, at, sourceId, pollId })));
    if (eventRows.length > 0) ops.push(db.changeEvent.createMany({ data: eventRows }));
    events += eventRows.length;
    // The array form runs as one transaction without holding an interactive session open.
    await db.$transaction(ops as Prisma.PrismaPromise<unknown>[]);
  }
  return events;
}
