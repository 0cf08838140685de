// Prisma CLI configuration. Uses the JavaScript schema engine with driver adapters so that
// migrate works offline; the provider follows DATABASE_URL (SQLite file by default).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "";
const isPostgres = /^postgres(ql)?:\/\//.test(url);
// Same default as lib/env.ts: a file: URL names the SQLite file, else data/linewatch.db.
const sqliteFile = url.startsWith("file:")
  ? url.slice("file:".length)
  : path.join(process.env.LINEWATCH_DATA_DIR ?? "data", "linewatch.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPostgres ? "prisma/migrations/postgresql" : "prisma/migrations/sqlite" },
  async adapter() {
    return isPostgres
      ? new PrismaPg({ connectionString: url })
      : new PrismaBetterSQLite3({ url: `file:${sqliteFile}` });
  },
});
