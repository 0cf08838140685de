// The request queue between the web and the poll workers: every row is claimed exactly once however
// many workers reach for it at the same moment; a dead worker's claims go back to the queue (work
// that is safe to redo) or fail in words; requests nobody took in time fail instead of running late.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import {
  claimWorkRequest,
  createWorkRequest,
  expireWaitingWork,
  finishWorkRequest,
  pruneWorkRequests,
  releaseOrphanedWork,
} from "./work-requests";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());
beforeEach(async () => {
  await db().workRequest.deleteMany();
});

const at = new Date("2026-12-04T12:00:00Z");

test("twenty rows, three workers claiming at once: each row is claimed exactly once", async () => {
  for (let i = 0; i < 20; i++) await createWorkRequest({ kind: "poll", input: JSON.stringify({ i }), actor: "{}" });
  const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => claimWorkRequest(`worker-${i % 3}`, at)));
  const claimed = claims.filter((row) => row !== null);
  expect(claimed).toHaveLength(20);
  expect(new Set(claimed.map((row) => row!.id)).size).toBe(20);
  const rows = await db().workRequest.findMany();
  expect(rows.every((row) => row.status === "running" && row.claimedBy?.startsWith("worker-"))).toBe(true);
  expect(await claimWorkRequest("worker-0", at)).toBeNull();
});

test("a dead worker's requests: recomputes go back to the queue, polls fail in words; live workers' stay", async () => {
  const poll = await createWorkRequest({ kind: "poll", input: "{}", actor: "{}" });
  const recompute = await createWorkRequest({ kind: "recompute-sites", input: "{}", actor: "{}" });
  const alive = await createWorkRequest({ kind: "poll", input: "{}", actor: "{}" });
  await db().workRequest.updateMany({
    where: { id: { in: [poll.id, recompute.id] } },
    data: { status: "running", claimedBy: "dead" },
  });
  await db().workRequest.update({ where: { id: alive.id }, data: { status: "running", claimedBy: "alive" } });

  const failure = JSON.stringify({ code: "upstream_failed", message: "stopped" });
  expect(await releaseOrphanedWork(["alive"], ["recompute-sites"], failure, at)).toBe(2);
  const byId = new Map((await db().workRequest.findMany()).map((row) => [row.id, row]));
  expect(byId.get(poll.id)).toMatchObject({ status: "failed", result: failure, finishedAt: at });
  expect(byId.get(recompute.id)).toMatchObject({ status: "pending", claimedBy: null });
  expect(byId.get(alive.id)).toMatchObject({ status: "running", claimedBy: "alive" });
});

test("requests nobody claimed in time fail (a recompute waits for a worker); finished ones are pruned later", async () => {
  const old = await createWorkRequest({ kind: "demo-wan", input: "{}", actor: "{}" });
  const recompute = await createWorkRequest({ kind: "recompute-sites", input: "{}", actor: "{}" });
  const cutoff = new Date(Date.now() + 1_000);
  expect(
    await expireWaitingWork(cutoff, JSON.stringify({ code: "upstream_failed", message: "late" }), at, [
      "recompute-sites",
    ]),
  ).toBe(1);
  expect((await db().workRequest.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("failed");
  expect((await db().workRequest.findUniqueOrThrow({ where: { id: recompute.id } })).status).toBe("pending");

  await finishWorkRequest(recompute.id, { status: "done", result: "{}" }, at);
  expect(await pruneWorkRequests(new Date(at.getTime() - 1))).toBe(0);
  expect(await pruneWorkRequests(new Date(at.getTime() + 1))).toBe(2);
});
