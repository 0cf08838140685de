// The current state of devices, extensions and CTI applications per source: a light index for
// the diff, the full previous rows only for what changed, and chunked writes that keep each
// row change and its change events in the same transaction.
import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";
import type { ChangeEventInput, IndexEntry, StateOf, SubjectKind } from "./inventory-types";
import { deviceIdentity } from "./device-identity";
import { rawBatch, rawQuery } from "./raw-run";
import { insertRowsSql, inList, quoted, updateSql } from "./raw-sql";

/** Rows per transaction: small enough to keep SQLite's write lock and PostgreSQL's row locks short, large enough that 40,000 new devices take ~80 transactions. */
export const WRITE_CHUNK = 500;
/** Ids per `IN (...)` list: far below SQLite's and PostgreSQL's parameter limits. */
const READ_CHUNK = 500;

/** Change events per INSERT: 9 values each, far below SQLite's 32,766. */
const EVENT_ROWS = 1_000;
const EVENT_COLUMNS = ["at", "sourceId", "pollId", "subjectKind", "subject", "change", "before", "after", "reason"];

type Promised = Promise<unknown>;
/** The slice of a Prisma model delegate the inventory uses; the three models share it. */
interface Table {
  createMany(args: { data: object[] }): Promised;
}

const tables: Record<
  SubjectKind,
  { table(db: Db): Table; name: string; key: string; status: string; subject: string; firstSeen: boolean }
> = {
  device: {
    table: (db) => db.device as unknown as Table,
    name: "Device",
    key: "name",
    status: "registrationStatus",
    subject: "name",
    firstSeen: true,
  },
  extension: {
    table: (db) => db.extension as unknown as Table,
    name: "Extension",
    key: "key",
    status: "status",
    subject: "number",
    firstSeen: false,
  },
  cti: {
    table: (db) => db.ctiApp as unknown as Table,
    name: "CtiApp",
    key: "appId",
    status: "status",
    subject: "appId",
    firstSeen: false,
  },
};

/** Every stored row of one kind for a source: key, fingerprint, missing flag and status. */
export async function currentIndex(db: Db, kind: SubjectKind, sourceId: string): Promise<Map<string, IndexEntry>> {
  const spec = tables[kind];
  // Raw: read on every poll of every source (lib/db/raw-sql.ts says why).
  const rows = await rawQuery<Record<"id" | "fingerprint" | "missing" | "key" | "status" | "subject", unknown>>(
    db,
    Prisma.sql`
    SELECT "id", "fingerprint", "missing", ${quoted(spec.key)} AS "key", ${quoted(spec.status)} AS "status",
      ${quoted(spec.subject)} AS "subject"
    FROM ${quoted(spec.name)} WHERE "sourceId" = ${sourceId}`,
  );
  const index = new Map<string, IndexEntry>();
  for (const row of rows) {
    const key = String(row.key);
    index.set(key, {
      id: String(row.id),
      key,
      fingerprint: String(row.fingerprint),
      missing: Boolean(row.missing),
      status: String(row.status),
      subject: String(row.subject),
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
  // Raw, every column as Prisma's findMany would read them: every poll with changes reads these.
  const table = quoted(tables[kind].name);
  const rows: Array<StateOf<K> & { id: string }> = [];
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const slice = ids.slice(start, start + READ_CHUNK);
    rows.push(
      ...(await rawQuery<StateOf<K> & { id: string }>(
        db,
        Prisma.sql`SELECT * FROM ${table} WHERE ${inList("id", slice)}`,
      )),
    );
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
    const statements: Prisma.Sql[] = [];
    // Raw UPDATEs: one per changed row on every poll with changes (lib/db/raw-sql.ts says why).
    for (const unit of chunk)
      if (unit.op === "update")
        statements.push(
          updateSql(spec.name, unit.data as Record<string, unknown>, Prisma.sql`"id" = ${unit.id}`, { touch: true }),
        );
    const gone = chunk.flatMap((u) => (u.op === "missing" ? [u.id] : []));
    if (gone.length > 0)
      statements.push(
        updateSql(spec.name, { missing: true, statusChangedAt: at }, inList("id", gone), { touch: true }),
      );
    const eventRows = chunk.flatMap((u) => u.events.map((e) => ({ ...e, at, sourceId, pollId })));
    for (let from = 0; from < eventRows.length; from += EVENT_ROWS)
      statements.push(insertRowsSql("ChangeEvent", EVENT_COLUMNS, eventRows.slice(from, from + EVENT_ROWS)));
    events += eventRows.length;
    // One transaction per chunk. New rows (Prisma makes their ids) go through Prisma's array form,
    // which runs as one transaction without holding an interactive session open; a chunk of
    // changes alone, every poll's case, goes to the driver (raw-run.ts).
    const creates = chunk.flatMap((u) => (u.op === "create" ? [u.data] : []));
    if (creates.length > 0)
      await db.$transaction([
        spec.table(db).createMany({ data: creates }),
        ...statements.map((sql) => db.$executeRaw(sql)),
      ] as Prisma.PrismaPromise<unknown>[]);
    else await rawBatch(db, statements);
  }
  return events;
}
