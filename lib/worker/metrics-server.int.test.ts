// A poll worker's own /metrics: its process figures and poll counters, behind an API token.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken, revokeToken } from "@/lib/db/tokens";
import { serveWorkerMetrics, type WorkerMetricsServer } from "./metrics-server";

let database: TestDatabase;
let server: WorkerMetricsServer;
let base: string;

beforeAll(async () => {
  database = await startTestDatabase();
  server = await serveWorkerMetrics(0, "127.0.0.1");
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.stop();
  await database?.stop();
});

test("401 without a valid token; with one, Node's process figures and the poll counters, not the database gauges", async () => {
  const revoked = await createToken({ name: "old", role: "viewer" }, { actor: "test" });
  await revokeToken(revoked.record.id, { actor: "test" });
  for (const authorization of [undefined, "Bearer lw_nonsense", "Basic abc", `Bearer ${revoked.token}`]) {
    const refused = await fetch(`${base}/metrics`, { headers: authorization ? { authorization } : {} });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");
  }
  const { token } = await createToken({ name: "prometheus", role: "viewer" }, { actor: "test" });
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  const text = await response.text();
  expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
  expect(text).toContain("# TYPE nodejs_eventloop_lag_p99_seconds gauge");
  expect(text).toContain("# TYPE linewatch_polls_total counter");
  expect(text).toContain("# TYPE linewatch_poll_seconds histogram");
  expect(text).not.toContain("linewatch_phones");

  expect((await fetch(`${base}/other`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
});
