import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { db } from "@/lib/db/client";
import { listPhones } from "@/lib/services/phones";

const base = { view: "devices" as const, class: "phones" as const, sort: "name" as const, order: "asc" as const, page: 1, pageSize: 50 };
const w = new Database(process.env.DATABASE_URL!.slice(5));
const ids = (w.prepare("select id from Device limit 2000").all() as { id: string }[]).map((r) => r.id);
const up = w.prepare("update Device set updatedAt = ? where id = ?");
async function measure(label: string, q: string | undefined, write: boolean) {
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    if (write) up.run(Date.now(), ids[i % ids.length]);
    const t = performance.now();
    await listPhones({ ...base, ...(q ? { q } : {}) } as never);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${label.padEnd(34)} mean ${mean.toFixed(2)} p50 ${times[150]!.toFixed(2)} p95 ${times[285]!.toFixed(2)}`);
}
await listPhones(base as never);
for (const mmap of [0, 256 * 1024 * 1024, 0, 256 * 1024 * 1024]) {
  await db().$queryRawUnsafe(`PRAGMA mmap_size=${mmap}`);
  for (const q of [undefined, "1001"]) {
    await measure(`mmap ${mmap >> 20}M q=${q ?? "-"} quiet`, q, false);
    await measure(`mmap ${mmap >> 20}M q=${q ?? "-"} write-before`, q, true);
  }
}
process.exit(0);
