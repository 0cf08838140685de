// finishPoll writes the poll's health and gives back the lease in one statement while the lease is
// the poller's; once another instance took it over, the health is still written and their lease kept.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import { createSource } from "./sources";
import { acquireLease, finishPoll, readHealth } from "./inventory-health";

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

test("a free lease is not the poller's to give back: the health alone is written, once", async () => {
  const source = await newSource("Free lease");
  await finishPoll(db(), {
    sourceId: source.id,
    instanceId: "worker-a",
    poll: poll("poll-free"),
    health: { lastError: "refused", consecutiveFailures: 4 },
  });
  expect(await health(source.id)).toEqual({
    leaseHolder: null,
    leaseExpiresAt: null,
    lastError: "refused",
    consecutiveFailures: 4,
  });
  // The Poll row reads back as written, dates and booleans in their own types on either database.
  expect(await db().poll.findUnique({ where: { id: "poll-free" } })).toEqual({
    ...poll("poll-free"),
    sourceId: source.id,
  });
});

test("a scheduled lease waits for the source to be due; a held lease waits for its expiry", async () => {
  const source = await newSource("Due lease");
  const due = new Date(at.getTime() + 30_000);
  await db().sourceHealth.update({ where: { sourceId: source.id }, data: { nextPollAt: due } });
  expect(await acquireLease(db(), source.id, { ...lease("worker-a"), dueOnly: true })).toBe(false);
  expect(await acquireLease(db(), source.id, { ...lease("worker-a"), dueOnly: false })).toBe(true);
  // Held until at + 60 s: not before, by another instance, even when the source is due.
  const atDue = { instanceId: "worker-b", now: due, until: new Date(due.getTime() + 60_000), dueOnly: true };
  expect(await acquireLease(db(), source.id, atDue)).toBe(false);
  const expired = new Date(at.getTime() + 61_000);
  expect(await acquireLease(db(), source.id, { ...atDue, now: expired })).toBe(true);
  const read = await readHealth(db(), source.id);
  expect(read).toMatchObject({
    leaseHolder: "worker-b",
    leaseExpiresAt: atDue.until,
    nextPollAt: due,
    effectiveFresh: null,
  });
  expect(read?.nextPollAt).toBeInstanceOf(Date);
});

test("a poll someone asked for writes its audit row with the poll", async () => {
  const source = await newSource("Audited poll");
  expect(await acquireLease(db(), source.id, lease("worker-a"))).toBe(true);
  await finishPoll(db(), {
    sourceId: source.id,
    instanceId: "worker-a",
    poll: poll("poll-asked"),
    health: { consecutiveFailures: 0 },
    audit: { who: { actor: "helpdesk" }, entry: { action: "source.poll", target: source.id, outcome: "success" } },
  });
  expect((await health(source.id))?.leaseHolder).toBeNull();
  expect(await db().auditEvent.count({ where: { action: "source.poll", target: source.id } })).toBe(1);
  expect(await db().poll.count({ where: { id: "poll-asked" } })).toBe(1);
});
