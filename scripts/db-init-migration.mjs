// Regenerates the initial migration of both providers from prisma/schema.prisma, then the
// clients. Only for before the first release lands: afterwards, add migrations instead
// (`prisma migrate diff --from-schema-datamodel <old> --to-schema-datamodel <new> --script`).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateClients } from "./prisma-schemas.mjs";
import { startThrowawayPostgres } from "./throwaway-postgres.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
generateClients();
// The JS schema engine wants a live connection even for a diff from empty.
const pg = await startThrowawayPostgres();
const lanes = [
  ["sqlite", "prisma/schema.prisma", "file:./data/unused-diff.db"],
  ["postgresql", "prisma/postgresql/schema.prisma", pg.url],
];
mkdirSync(path.join(root, "data"), { recursive: true });
for (const [provider, schema, url] of lanes) {
  const sql = execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "ignore"] })
    .toString()
    .split("\n")
    .filter((line) => !line.startsWith("Loaded Prisma config"))
    .join("\n");
  const dir = path.join(root, "prisma/migrations", provider, "20261122000000_init");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql.trimStart());
  console.log(`${provider}: ${sql.split("\n").length} lines`);
}
await pg.stop();
