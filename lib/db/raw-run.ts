// Runs the hand-written statements of raw-sql.ts on the database driver itself, past Prisma's
// client (issue #16). A raw statement through Prisma costs its query interpreter most of its CPU
// (measured: an `$executeRaw` UPDATE 162 µs against 17 µs on better-sqlite3, a one-row `$queryRaw`
// 305 µs against 53 µs), and a poll runs ~30 of them: on a two-core machine each 100 ms a second
// of worker CPU cost the web's JavaScript thread 20-25 ms a second under polling. The driver is
// the one Prisma itself connected (the same SQLite connection, the same PostgreSQL pool), so locks
// and transactions behave exactly as through Prisma; values go in and come out as `$queryRaw`
// gives them (the adapter binds them in its dialect's form).
import {
  ColumnTypeEnum,
  type ArgType,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { Prisma } from "./generated/sqlite/client";

/** What the runners need of a Prisma client or transaction client. */
type RawClient = {
  $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T>;
  $executeRaw(query: Prisma.Sql): Prisma.PrismaPromise<number>;
};
type BatchClient = RawClient & { $transaction(statements: Prisma.PrismaPromise<unknown>[]): Promise<unknown[]> };
type Connectable = { $connect(): Promise<void> };

/**
 * A driver adapter factory that remembers the adapter Prisma connected, until Prisma disposes it.
 * createDb wraps every client's factory in one.
 */
export class RememberedAdapter implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider: SqlMigrationAwareDriverAdapterFactory["provider"];
  readonly adapterName: string;
  current: SqlDriverAdapter | undefined;

  constructor(private readonly inner: SqlMigrationAwareDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (this.current === adapter) this.current = undefined;
      await dispose();
    };
    this.current = adapter;
    return adapter;
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.inner.connectToShadowDb();
  }
}

const remembered = new WeakMap<object, RememberedAdapter>();

/** createDb: `client` runs its raw statements on `factory`'s connected adapter. */
export function rememberAdapter(client: object, factory: RememberedAdapter): void {
  remembered.set(client, factory);
}

/**
 * The adapter Prisma connected for `client`, connecting it first if need be; undefined for a
 * transaction client or one createDb did not make (those run through Prisma, as before).
 */
async function adapterOf(client: object): Promise<SqlDriverAdapter | undefined> {
  const factory = remembered.get(client);
  if (!factory) return undefined;
  if (!factory.current) await (client as Connectable).$connect();
  return factory.current;
}

const SCALAR = "scalar" as const;

/** A bound value as Prisma hands it to the adapter for `$queryRaw`: the adapter formats it. */
function argOf(value: unknown): { arg: unknown; type: ArgType } {
  if (value === null || value === undefined) return { arg: null, type: { scalarType: "unknown", arity: SCALAR } };
  if (value instanceof Date) return { arg: value, type: { scalarType: "datetime", arity: SCALAR } };
  switch (typeof value) {
    case "string":
      return { arg: value, type: { scalarType: "string", arity: SCALAR } };
    case "boolean":
      return { arg: value, type: { scalarType: "boolean", arity: SCALAR } };
    case "number":
      return { arg: value, type: { scalarType: Number.isInteger(value) ? "int" : "float", arity: SCALAR } };
    case "bigint":
      return { arg: value.toString(), type: { scalarType: "bigint", arity: SCALAR } };
  }
  if (value instanceof Uint8Array) return { arg: value, type: { scalarType: "bytes", arity: SCALAR } };
  return { arg: JSON.stringify(value), type: { scalarType: "json", arity: SCALAR } };
}

function queryOf(adapter: SqlDriverAdapter, sql: Prisma.Sql): SqlQuery {
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  for (const value of sql.values) {
    const { arg, type } = argOf(value);
    args.push(arg);
    argTypes.push(type);
  }
  // Prisma.Sql writes `?` placeholders in .sql and `$1` ones in .text.
  return { sql: adapter.provider === "postgres" ? sql.text : sql.sql, args, argTypes };
}

/** One column's value as `$queryRaw` returns it (Prisma's own conversion of a raw result). */
function cellOf(value: unknown, type: number): unknown {
  if (value === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(Number(value));
    case ColumnTypeEnum.Int64:
      return typeof value === "number" ? BigInt(Math.trunc(value)) : BigInt(value as string);
    case ColumnTypeEnum.Boolean:
      return typeof value === "boolean" ? value : value === "true" || value === "1" || value === 1;
    case ColumnTypeEnum.DateTime:
    case ColumnTypeEnum.Date:
      return new Date(value as string);
    case ColumnTypeEnum.Time:
      return new Date(`1970-01-01T${value}Z`);
    case ColumnTypeEnum.Json:
      return typeof value === "string" ? JSON.parse(value) : value;
    case ColumnTypeEnum.Bytes:
      return Array.isArray(value) ? new Uint8Array(value) : value;
    default:
      return value;
  }
}

function rowsOf<T>(result: SqlResultSet): T[] {
  const { columnNames, columnTypes, rows } = result;
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) record[columnNames[i]!] = cellOf(row[i], columnTypes[i]!);
    return record as T;
  });
}

/** `client.$queryRaw(sql)`, on the driver. */
export async function rawQuery<T>(client: RawClient, sql: Prisma.Sql): Promise<T[]> {
  const adapter = await adapterOf(client);
  if (!adapter) return client.$queryRaw<T[]>(sql);
  return rowsOf<T>(await adapter.queryRaw(queryOf(adapter, sql)));
}

/** `client.$executeRaw(sql)`, on the driver: the rows changed. */
export async function rawExecute(client: RawClient, sql: Prisma.Sql): Promise<number> {
  const adapter = await adapterOf(client);
  if (!adapter) return client.$executeRaw(sql);
  return adapter.executeRaw(queryOf(adapter, sql));
}

const CONTROL = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/**
 * `client.$transaction([...$executeRaw])`, on the driver: the statements in order in one
 * transaction, each one's rows changed; all or nothing. The transaction is opened, committed and
 * rolled back as Prisma does it (the adapter's BEGIN, then COMMIT or ROLLBACK, then the adapter's
 * release of the connection).
 */
export async function rawBatch(client: BatchClient, statements: readonly Prisma.Sql[]): Promise<number[]> {
  if (statements.length === 0) return [];
  const adapter = await adapterOf(client);
  if (!adapter) return (await client.$transaction(statements.map((sql) => client.$executeRaw(sql)))) as number[];
  const tx = await adapter.startTransaction();
  const changed: number[] = [];
  try {
    for (const sql of statements) changed.push(await tx.executeRaw(queryOf(adapter, sql)));
    await tx.executeRaw(CONTROL("COMMIT"));
  } catch (error) {
    try {
      await tx.executeRaw(CONTROL("ROLLBACK"));
    } catch {
      // The transaction is gone already (a failed COMMIT rolls back); the first error is the one to tell.
    } finally {
      await tx.rollback();
    }
    throw error;
  }
  await tx.commit();
  return changed;
}
