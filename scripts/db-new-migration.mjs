// Writes a new migration for both providers: the SQL that takes the schema as last committed
// (git HEAD, or --from <git ref>: the last release's) to prisma/schema.prisma as it is now.
// Usage: node scripts/db-new-migration.mjs <name> [--from <git ref>]
// Review the SQL (and add any data backfill) before committing; applied by lib/db/migrate.ts.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateClients, postgresSchema } from "./prisma-schemas.mjs";
import { startThrowawayPostgres } from "./throwaway-postgres.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/db-new-migration.mjs <name in lower_snake_case>");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
generateClients();
const work = mkdtempSync(path.join(tmpdir(), "linewatch-migration-"));
const fromRef = process.argv.includes("--from") ? process.argv[process.argv.indexOf("--from") + 1] : "HEAD";
const committed = execFileSync("git", ["show", `${fromRef}:prisma/schema.prisma`], { cwd: root }).toString();
writeFileSync(path.join(work, "old-sqlite.prisma"), committed);
writeFileSync(path.join(work, "old-postgresql.prisma"), postgresSchema(committed));

// The JS schema engine wants a live connection even for a diff between two files.
const pg = await startThrowawayPostgres();
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const lanes = [
  ["sqlite", path.join(work, "old-sqlite.prisma"), "prisma/schema.prisma", `file:${path.join(work, "unused.db")}`],
  ["postgresql", path.join(work, "old-postgresql.prisma"), "prisma/postgresql/schema.prisma", pg.url],
];
try {
  for (const [provider, from, to, url] of lanes) {
    const sql = execFileSync(
      path.join(root, "node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
      { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] },
    )
      .toString()
      .split("\n")
      .filter((line) => !line.startsWith("Loaded Prisma config"))
      .join("\n");
    const dir = path.join(root, "prisma/migrations", provider, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql.trimStart());
    console.log(`${provider}: ${path.relative(root, dir)} (${sql.split("\n").length} lines)`);
  }
} finally {
  await pg.stop();
}
