// Derives the PostgreSQL schema from the one SQLite schema source and generates both Prisma
// clients. Both clients share model types; lib/db/client.ts picks one from DATABASE_URL.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");

export function postgresSchema(text) {
  const out = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('"../lib/db/generated/sqlite"', '"../../lib/db/generated/postgresql"');
  if (out === text) throw new Error("prisma/schema.prisma no longer has the expected provider/output lines");
  return `// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs: do not edit.\n${out}`;
}

export function writeSchemas() {
  mkdirSync(path.join(root, "prisma/postgresql"), { recursive: true });
  writeFileSync(path.join(root, "prisma/postgresql/schema.prisma"), postgresSchema(source));
}

export function generateClients() {
  writeSchemas();
  const prisma = path.join(root, "node_modules/.bin/prisma");
  // The config picks its adapter from DATABASE_URL, and generate must see the matching provider.
  const lanes = [
    ["prisma/schema.prisma", "file:unused.db"],
    ["prisma/postgresql/schema.prisma", "postgresql://unused@127.0.0.1/unused"],
  ];
  for (const [schema, url] of lanes) {
    execFileSync(prisma, ["generate", "--schema", schema], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DATABASE_URL: url },
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generateClients();
  console.log("Prisma clients generated (sqlite, postgresql).");
}
