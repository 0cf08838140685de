// Prepared statements kept per SQLite connection, for both connections (in-process and in its own
// thread). Plain JavaScript so the thread script can load it without a build step.
//
// Prisma's better-sqlite3 adapter prepares every query anew (`client.prepare(sql).bind(args)`):
// compiling SQL took ~5% of the poll worker's CPU in a profile of steady polling (202 sources).
// Prisma sends few distinct SQL texts, with `?` parameters, so each is compiled once and run with
// each call's arguments. Adapter 6.19 internals (its `client`, and prepare -> bind -> run, or
// reader -> columns -> raw().all()): every SQLite query of the tests goes through here.

/** Distinct SQL texts kept per connection; past this, the least recently used is dropped. */
const KEPT = 500;

/**
 * @param {{ client: { prepare(source: string): any } }} connected Prisma's connected better-sqlite3 adapter
 */
export function keepStatements(connected) {
  const sqlite = connected.client;
  const prepare = sqlite.prepare.bind(sqlite);
  /** @type {Map<string, any>} */
  const statements = new Map();
  sqlite.prepare = (source) => {
    let statement = statements.get(source);
    if (statement) statements.delete(source);
    else {
      statement = prepare(source);
      if (statements.size >= KEPT) statements.delete(statements.keys().next().value);
    }
    statements.set(source, statement);
    return reusable(statement);
  };
}

/**
 * A kept statement as the adapter uses it. better-sqlite3's bind() fixes a statement's arguments
 * for good, so here it only remembers them for this call; raw mode is set on every read.
 */
function reusable(statement) {
  const call = (args) => ({
    reader: statement.reader,
    run: () => statement.run(...args),
    columns: () => statement.columns(),
    raw: (on = true) => {
      statement.raw(on);
      return { all: () => statement.all(...args), get: () => statement.get(...args) };
    },
    all: () => statement.raw(false).all(...args),
    get: () => statement.raw(false).get(...args),
  });
  return { ...call([]), bind: (...args) => call(args.length === 1 && Array.isArray(args[0]) ? args[0] : args) };
}
