// Keyset ("seek") paging for long reads such as CSV exports: each window starts after the previous
// window's last sort key instead of at an OFFSET, which rereads every skipped row (an export of
// 100,000 rows in 2,000-row windows would read 2.5 million). Key columns must be non-null and end
// with a unique column (the id), so the order is total and no row is read twice or skipped.

/** One column of the sort key: a field, or a path through a to-one relation (["source", "name"]). */
export interface KeyColumn {
  path: readonly string[];
  direction: "asc" | "desc";
}

type Where = Record<string, unknown>;

const nest = (path: readonly string[], leaf: unknown): Where =>
  path.reduceRight<unknown>((inner, field) => ({ [field]: inner }), leaf) as Where;

const valueAt = (row: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((value, field) => (value as Record<string, unknown> | null | undefined)?.[field], row);

/** ORDER BY for the key: [{ name: "asc" }, { source: { name: "asc" } }, …]. */
export function keyOrder(key: readonly KeyColumn[]): Where[] {
  return key.map((c) => nest(c.path, c.direction));
}

/**
 * WHERE for the rows after `row` in key order: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, with
 * `k1 >= v1` in front so the database can start its index range at the cursor instead of
 * filtering from the top.
 */
export function afterKey(key: readonly KeyColumn[], row: unknown): Where {
  const past = (c: KeyColumn, strict: boolean) =>
    nest(c.path, { [c.direction === "asc" ? (strict ? "gt" : "gte") : strict ? "lt" : "lte"]: valueAt(row, c.path) });
  const equal = (c: KeyColumn) => nest(c.path, { equals: valueAt(row, c.path) });
  const branches = key.map((column, i) => ({ AND: [...key.slice(0, i).map(equal), past(column, true)] }));
  return { AND: [past(key[0]!, false), { OR: branches }] };
}

/** The window's WHERE: the filter, and after the cursor row when there is one. */
export function windowWhere<W>(filter: W, key: readonly KeyColumn[], after: unknown): W {
  return (after === undefined ? filter : { AND: [filter, afterKey(key, after)] }) as W;
}

/** Shorthand for a key whose columns all sort one way. */
export const keyOf = (direction: "asc" | "desc", ...paths: (string | readonly string[])[]): KeyColumn[] =>
  paths.map((p) => ({ path: typeof p === "string" ? [p] : p, direction }));
