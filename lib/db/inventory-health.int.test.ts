// finishPoll writes the poll's health and gives back the lease in one statement while the lease is
// the poller's; once another instance took it over, the health is still written and their lease kept.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import { createSource } from "./sources";
import { acquireLease, finishPoll } from "./inventory-health";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

const at = new Date("2026-12-06T12:00:00Z");
const lease = (instanceId: string) => ({ instanceId, now: at, until: new Date(at.getTime() + 60_000), dueOnly: false });
const poll = (id: string) => ({
  id,
  startedAt: at,
  durationMs: 12,
  outcome: "ok" as const,
  error: null,
  complete: true,
  incompleteReason: null,
  changed: 0,
  requests: 8,
  devices: 3,
  registered: 3,
  unregistered: 0,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
  missing: 0,
});
const health = (sourceId: string) =>
  db().sourceHealth.findUnique({
    where: { sourceId },
    select: { leaseHolder: true, leaseExpiresAt: true, lastError: true, consecutiveFailures: true },
  });

async function newSource(name: string) {
  return createSource(
    {
      kind: "cme",
      name,
      urls: ["http://127.0.0.1:9/"],
      username: "u",
      password: "p",
      timeoutMs: 1000,
      pollIntervalS: 60,
    },
    { actor: "test" },
  );
}

test("the poller's own lease is given back with the health", async () => {
  const source = await newSource("Own lease");
  expect(await acquireLease(db(), source.id, lease("worker-a"))).toBe(true);
  await finishPoll(db(), {
    sourceId: source.id,
    instanceId: "worker-a",
    poll: poll("poll-own"),
    health: { lastError: "Phones: one page was cut short.", consecutiveFailures: 0 },
  });
  expect(await health(source.id)).toEqual({
    leaseHolder: null,
    leaseExpiresAt: null,
    lastError: "Phones: one page was cut short.",
    consecutiveFailures: 0,
  });
  expect(await db().poll.count({ where: { sourceId: source.id } })).toBe(1);
});

test("a lease taken over meanwhile stays the other instance's; the health is written all the same", async () => {
  const source = await newSource("Taken lease");
  expect(await acquireLease(db(), source.id, lease("worker-a"))).toBe(true);
  // worker-a's lease ran out and worker-b took the source over.
  const later = new Date(at.getTime() + 120_000);
  expect(
    await acquireLease(db(), source.id, {
      instanceId: "worker-b",
      now: later,
      until: new Date(later.getTime() + 60_000),
      dueOnly: false,
    }),
  ).toBe(true);
  await finishPoll(db(), {
    sourceId: source.id,
    instanceId: "worker-a",
    poll: poll("poll-late"),
    health: { lastError: null, consecutiveFailures: 2 },
  });
  expect(await health(source.id)).toEqual({
    leaseHolder: "worker-b",
    leaseExpiresAt: new Date(later.getTime() + 60_000),
    lastError: null,
    consecutiveFailures: 2,
  });
});
