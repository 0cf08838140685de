// Transactions that wait for SQLite's write lock, for both SQLite connections (in-process and in
// its own thread). Plain JavaScript so the thread script can load it without a build step.

/**
 * Prisma's adapter opens transactions with a deferred BEGIN: one that reads and then writes while
 * another connection (the CLI, the poll worker) holds the write lock fails at once with "database
 * is locked" instead of waiting out the busy timeout. BEGIN IMMEDIATE takes the write lock up
 * front, so it waits. Adapter 6.19 internals (its `client` and the literal "BEGIN"):
 * bench/reliability.ts's SQLite contention row shows at once if an upgrade changes them.
 * @param {{ client: { prepare(source: string): { run(): unknown } } }} connected Prisma's connected better-sqlite3 adapter
 */
export function beginImmediately(connected) {
  const sqlite = connected.client;
  const prepare = sqlite.prepare.bind(sqlite);
  const begin = {
    run: () => {
      try {
        return prepare("BEGIN IMMEDIATE").run();
      } catch (error) {
        // The busy timeout ran out. A throwing BEGIN would leave the adapter's transaction mutex
        // held for good (prisma/orm#29933), so fall back to a deferred BEGIN, as before.
        if (!String(error?.code).startsWith("SQLITE_BUSY")) throw error;
        return prepare("BEGIN").run();
      }
    },
  };
  sqlite.prepare = (source) => (source === "BEGIN" ? begin : prepare(source));
}
