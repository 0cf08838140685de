// The SQLite driver adapter with transactions that wait for the write lock. Prisma's adapter opens
// transactions with a deferred BEGIN: one that read and then writes while another connection (the
// CLI, a second process) holds the write lock fails at once with "database is locked" instead of
// waiting out the busy timeout. BEGIN IMMEDIATE takes the write lock up front, so it waits.
import type Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

export class WaitingSQLite3 extends PrismaBetterSQLite3 {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    // Adapter 6.19 internals (its `client` and the literal "BEGIN"): bench/reliability.ts's SQLite
    // contention row shows at once if an upgrade changes them.
    const sqlite = (adapter as unknown as { client: Database.Database }).client;
    const prepare = sqlite.prepare.bind(sqlite);
    const begin = {
      run: () => {
        try {
          return prepare("BEGIN IMMEDIATE").run();
        } catch (error) {
          // The busy timeout ran out. A throwing BEGIN would leave the adapter's transaction mutex
          // held for good (prisma/orm#29933), so fall back to a deferred BEGIN, as before.
          if (!String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) throw error;
          return prepare("BEGIN").run();
        }
      },
    };
    sqlite.prepare = ((source: string) => (source === "BEGIN" ? begin : prepare(source))) as typeof sqlite.prepare;
    return adapter;
  }
}
