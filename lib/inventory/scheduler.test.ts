// The scheduler's slots and its reuse of a schedule read, with polls stood in for: a stored poll
// frees its slot while it waits for its effective states and alerts, and a freed slot takes the
// next due source from the last read while that read is recent, reading again once it is not.
import { afterEach, expect, test, vi } from "vitest";
import type { InventoryStore, ScheduleEntry } from "@/lib/db/inventory-store";
import { manualClock } from "@/lib/testing/inventory";
import type { PollOptions, PollSummary } from "./poll";

/** One stood-in poll: `store()` stores it (its slot frees), `finish()` ends it (effective states done). */
interface FakePoll {
  sourceId: string;
  store(): void;
  finish(): void;
}
const polls: FakePoll[] = [];
const stored = new Set<string>();
vi.mock("./poll", () => ({
  pollSource: (sourceId: string, options: PollOptions) =>
    new Promise<PollSummary>((resolve) => {
      const summary: PollSummary = {
        sourceId,
        status: "ok",
        devices: 0,
        changed: 0,
        requests: 0,
        startedAt: 0,
        durationMs: 0,
      };
      options.signal?.addEventListener("abort", () => resolve(summary));
      polls.push({
        sourceId,
        store: () => {
          stored.add(sourceId);
          options.onStored?.();
        },
        finish: () => resolve(summary),
      });
    }),
}));
vi.mock("./retention", () => ({ pruneHistory: async () => undefined }));
vi.mock("./effective/recompute", () => ({ refreshFreshness: async () => ({ sites: new Set() }) }));
vi.mock("./effective/site-outages", () => ({ checkSiteOutages: async () => undefined }));
vi.mock("@/lib/alerts/worker", () => ({ alertsTick: async () => undefined }));

const { startScheduler } = await import("./scheduler");

const clock = manualClock();
const entry = (id: string): ScheduleEntry => ({
  id,
  name: id,
  pollIntervalS: 60,
  settingsVersion: 1,
  nextPollAt: new Date(clock.now() - 1_000),
  breakerUntil: null,
  authFailedVersion: null,
  leaseHolder: null,
  leaseExpiresAt: null,
  hasHealth: true,
});
function fakeStore(ids: string[]) {
  const reads = { count: 0 };
  const store = {
    // A stored poll moved its source's next poll an interval on.
    scheduleView: async () => {
      reads.count += 1;
      return ids.filter((id) => !stored.has(id)).map(entry);
    },
  } as unknown as InventoryStore;
  return { store, reads };
}
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  polls.length = 0;
  stored.clear();
});
function start(ids: string[], concurrency: number) {
  const { store, reads } = fakeStore(ids);
  // Ticks far apart: every read after the first comes from a slot coming free.
  const scheduler = startScheduler({
    instanceId: "test",
    now: clock.now,
    store,
    concurrency,
    tickMs: 60_000,
    backlogMs: 1_000,
    freshnessEveryMs: 0,
    pruneEveryMs: 0,
  });
  stop = () => scheduler.stop();
  return { scheduler, reads };
}

test("a stored poll frees its slot: the next due source starts while the first waits for its effective states", async () => {
  const { scheduler } = start(["a", "b", "c"], 1);
  await vi.waitFor(() => expect(polls.map((p) => p.sourceId)).toEqual(["a"]));
  polls[0]!.store();
  await vi.waitFor(() => expect(polls.map((p) => p.sourceId)).toEqual(["a", "b"]));
  // Both count as polling (the heartbeat says so) until each is done.
  expect(scheduler.polling()).toBe(2);
  polls[0]!.finish();
  await vi.waitFor(() => expect(scheduler.polling()).toBe(1));
  // Finishing a poll whose slot was already freed does not start a second one at once.
  expect(polls).toHaveLength(2);
});

test("a freed slot takes the next due source from a recent schedule read, and reads again once it is old", async () => {
  const { reads } = start(["a", "b", "c"], 1);
  await vi.waitFor(() => expect(polls).toHaveLength(1));
  expect(reads.count).toBe(1);
  polls[0]!.store();
  polls[0]!.finish();
  await vi.waitFor(() => expect(polls.map((p) => p.sourceId)).toEqual(["a", "b"]));
  expect(reads.count).toBe(1);
  // Past backlogMs, the read is not trusted any more: the next free slot reads the schedule again.
  clock.advance(1_001);
  polls[1]!.store();
  polls[1]!.finish();
  await vi.waitFor(() => expect(reads.count).toBe(2));
  await vi.waitFor(() => expect(polls.map((p) => p.sourceId)).toEqual(["a", "b", "c"]));
});
