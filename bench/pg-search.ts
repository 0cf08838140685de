// PostgreSQL's plans for the phones list's search (its page and its count), explained from the SQL
// the phones service actually sends, and the trigram indexes (issue #16) dropped and built again by the bench.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/postgresql/client";
import { env } from "@/lib/env";
import { listPhones } from "@/lib/services/phones";

/**
 * EXPLAIN ANALYZE of every Device query the phones service sends for the first page (50 in name
 * order) of a search and its count. The service runs once on a client that records its SQL (put
 * where lib/db/client.ts keeps the process-wide one); the statements are then explained in order,
 * a transaction's planner settings (plan types turned off) applying to the query that follows them.
 */
export async function explainPhonePage(url: string, q: string): Promise<string> {
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 1 }),
    log: [{ emit: "event", level: "query" }],
  });
  const sent: { query: string; params: string }[] = [];
  prisma.$on("query", (event) => sent.push({ query: event.query, params: event.params }));
  const holder = globalThis as unknown as { linewatchDb?: { db: unknown; config: unknown } };
  const kept = holder.linewatchDb;
  holder.linewatchDb = { db: prisma, config: env().database };
  try {
    await listPhones({ view: "devices", class: "phones", sort: "name", order: "asc", page: 1, pageSize: 50, q });
  } finally {
    holder.linewatchDb = kept;
    await prisma.$disconnect();
  }
  return withClient(url, async (client) => {
    const plans: string[] = [];
    let settings: string[] = [];
    for (const { query, params } of sent) {
      if (/set_config\('enable_/.test(query)) settings.push(query);
      if (!/FROM "[^"]+"\."Device"/.test(query)) continue;
      await client.query("BEGIN");
      try {
        for (const setting of settings) await client.query(setting);
        const result = await client.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${query}`,
          JSON.parse(params) as unknown[],
        );
        plans.push([...settings, ...result.rows.map((r) => r["QUERY PLAN"])].join("\n"));
      } finally {
        await client.query("ROLLBACK");
      }
      settings = [];
    }
    return plans.join("\n\n");
  });
}

/** Drops the trigram indexes on Device (then ANALYZE); returns their names. */
export async function dropTrigramIndexes(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const names = (
      await client.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'Device' AND indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname`,
      )
    ).rows.map((r) => r.indexname);
    for (const name of names) await client.query(`DROP INDEX "${name}"`);
    await client.query(`ANALYZE "Device"`);
    return names;
  });
}

/** Builds them again with the shipped migration's own SQL (it is idempotent). */
export async function buildTrigramIndexes(url: string): Promise<void> {
  const dir = path.join(process.cwd(), "prisma/migrations/postgresql");
  const name = readdirSync(dir).find((d) => d.endsWith("_search_trigram"));
  if (!name) throw new Error(`no *_search_trigram migration in ${dir}`);
  const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
  await withClient(url, async (client) => {
    await client.query(sql);
    await client.query(`ANALYZE "Device"`);
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
