// backup / restore: what an operator runs before an upgrade or to move Linewatch to a new machine.
import path from "node:path";
import { env } from "@/lib/env";
import { closeDb } from "@/lib/db/client";
import { manifestPathOf, restoreBackup, takeBackup } from "@/lib/db/backup";
import { option, type CliCommand } from "../command";

const tables = (rows: Record<string, number>) => Object.values(rows).reduce((sum, n) => sum + n, 0);

export const backup: CliCommand = {
  name: "backup",
  usage: "backup --to FILE",
  summary:
    "a consistent backup taken while the app runs (SQLite backup API, or pg_dump), with a manifest to check restores",
  options: { to: { type: "string" } },
  async run({ values }) {
    const file = path.resolve(option(values, "to")!);
    const manifest = await takeBackup(env().database, file, new Date());
    console.log(
      `Backup written to ${file} (${tables(manifest.rows)} rows in ${Object.keys(manifest.rows).length} tables, ${manifest.migrations.length} migrations); manifest ${manifestPathOf(file)}.`,
    );
    console.log(
      "Source passwords in it are sealed: keep the secret key (LINEWATCH_SECRET_KEY or data/secret.key) apart from the backup, and with it.",
    );
  },
};

export const restore: CliCommand = {
  name: "restore",
  usage: "restore --from FILE",
  summary:
    "restore a backup into an empty database (fresh data directory or empty PostgreSQL database) and check it is complete",
  options: { from: { type: "string" } },
  async run({ values }) {
    const file = path.resolve(option(values, "from")!);
    // The restore writes the database itself: no Prisma connection may hold it open meanwhile.
    await closeDb();
    const manifest = await restoreBackup(env().database, file);
    console.log(
      `Restored ${file}: ${tables(manifest.rows)} rows in ${Object.keys(manifest.rows).length} tables match the manifest (taken ${manifest.takenAt}).`,
    );
  },
};
