// Statements written by hand for what the poll worker runs on every poll (issue #16). A Prisma model
// operation costs its query compiler ~0.4-0.7 ms of CPU, a raw statement through Prisma 0.16-0.31
// ms, better-sqlite3 itself 0.017-0.053 ms (raw-run.ts runs them there): on two cores each 100 ms a
// second of worker CPU cost the web's JavaScript thread 20-25 ms a second, whatever the worker's
// priority (bench:load's polling). The SQL reads the same on SQLite and PostgreSQL:
// double-quoted identifiers, values bound as parameters (the driver adapter binds Dates and
// booleans in each dialect's own form, as Prisma's model operations do).
import { Prisma } from "./generated/sqlite/client";

/** Names come from the code (model fields), never from input; anything else is refused. */
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export function quoted(name: string): Prisma.Sql {
  if (!NAME.test(name)) throw new Error(`not a table or column name: ${JSON.stringify(name)}`);
  return Prisma.raw(`"${name}"`);
}

/** The defined entries of `data`: left out when undefined, as Prisma's own writes do. */
function entries(data: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(data).filter(([, value]) => value !== undefined);
}

/** `"a" = $1, "b" = $2` for an UPDATE's SET. */
function assignments(data: Record<string, unknown>): Prisma.Sql {
  const set = entries(data);
  if (set.length === 0) throw new Error("an UPDATE needs at least one column");
  return Prisma.join(
    set.map(([name, value]) => Prisma.sql`${quoted(name)} = ${value}`),
    ", ",
  );
}

/**
 * `UPDATE "table" SET ... WHERE <where>`. `touch` sets the model's `@updatedAt` column, which
 * Prisma's own updates set for us.
 */
export function updateSql(
  table: string,
  data: Record<string, unknown>,
  where: Prisma.Sql,
  options: { touch?: boolean } = {},
): Prisma.Sql {
  const set = options.touch ? { ...data, updatedAt: new Date() } : data;
  return Prisma.sql`UPDATE ${quoted(table)} SET ${assignments(set)} WHERE ${where}`;
}

/** `"a", "b"`: a column list for a SELECT or an INSERT. */
export function columnList(names: readonly string[]): Prisma.Sql {
  return Prisma.join(names.map(quoted), ", ");
}

/** `INSERT INTO "table" ("a", "b") VALUES ($1, $2)`: the row's defined columns only. */
export function insertSql(table: string, row: Record<string, unknown>): Prisma.Sql {
  return insertRowsSql(
    table,
    entries(row).map(([name]) => name),
    [row],
  );
}

/**
 * `INSERT INTO "table" ("a", "b") VALUES ($1, $2), ($3, $4)`: every row gives `columns` (null
 * where it has no value). Keep rows x columns under SQLite's 32,766 bound values.
 */
export function insertRowsSql(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Prisma.Sql {
  if (rows.length === 0) throw new Error("an INSERT needs at least one row");
  const values = Prisma.join(
    rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column] ?? null))})`),
    ", ",
  );
  return Prisma.sql`INSERT INTO ${quoted(table)} (${columnList(columns)}) VALUES ${values}`;
}

/** `"column" IN ($1, $2, ...)`; `values` must not be empty. */
export function inList(column: string, values: readonly unknown[]): Prisma.Sql {
  if (values.length === 0) throw new Error("an IN list needs at least one value");
  return Prisma.sql`${quoted(column)} IN (${Prisma.join(values)})`;
}
