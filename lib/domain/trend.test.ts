import { describe, expect, test } from "vitest";
import { biggestDrops, bucketTrend, planBuckets, type PollCounts } from "./trend";

const now = new Date("2024-03-10T12:34:56Z");
const poll = (sourceId: string, at: string, registered: number, unregistered = 0): PollCounts => ({
  sourceId,
  startedAt: new Date(at),
  registered,
  unregistered,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
});

describe("trend buckets", () => {
  test("24 hourly buckets, 28 six-hour buckets, 30 daily buckets, the last holding now", () => {
    const day = planBuckets("24h", now);
    expect(day.starts).toHaveLength(24);
    expect(day.starts.at(-1)!.toISOString()).toBe("2024-03-10T12:00:00.000Z");
    expect(day.from.toISOString()).toBe("2024-03-09T13:00:00.000Z");
    expect(day.to.toISOString()).toBe("2024-03-10T13:00:00.000Z");
    const week = planBuckets("7d", now);
    expect(week.starts).toHaveLength(28);
    expect(week.starts.at(-1)!.toISOString()).toBe("2024-03-10T12:00:00.000Z");
    const month = planBuckets("30d", now);
    expect(month.starts).toHaveLength(30);
    expect(month.starts.at(-1)!.toISOString()).toBe("2024-03-10T00:00:00.000Z");
    expect(month.starts[0]!.toISOString()).toBe("2024-02-10T00:00:00.000Z");
  });

  test("sums the latest poll of each source per bucket; empty buckets are gaps", () => {
    const plan = planBuckets("24h", now);
    const polls = [
      poll("a", "2024-03-10T11:05:00Z", 10, 2),
      poll("a", "2024-03-10T11:55:00Z", 12, 1), // latest of source a in the 11:00 bucket
      poll("a", "2024-03-10T11:30:00Z", 99, 99),
      poll("b", "2024-03-10T11:10:00Z", 5),
      poll("b", "2024-03-10T12:10:00Z", 4, 1),
      poll("a", "2024-03-09T12:59:59Z", 1000), // before the window
    ];
    const { fleet, perSource } = bucketTrend(plan, polls);
    const eleven = fleet.at(-2)!;
    expect(eleven).toMatchObject({ sources: 2, registered: 17, unregistered: 1 });
    expect(fleet.at(-1)).toMatchObject({ sources: 1, registered: 4, unregistered: 1 });
    expect(fleet[0]).toMatchObject({ sources: 0, registered: 0 });
    expect(perSource.find((s) => s.sourceId === "a")!.points.at(-1)).toBeNull();
  });

  test("biggest drops compare each source's latest bucket with its peak", () => {
    const plan = planBuckets("24h", now);
    const { perSource } = bucketTrend(plan, [
      poll("a", "2024-03-10T08:00:00Z", 50),
      poll("a", "2024-03-10T12:00:00Z", 20),
      poll("b", "2024-03-10T08:00:00Z", 10),
      poll("b", "2024-03-10T12:00:00Z", 9),
      poll("c", "2024-03-10T08:00:00Z", 5),
      poll("c", "2024-03-10T12:00:00Z", 7),
    ]);
    const drops = biggestDrops(plan, perSource);
    expect(drops.map((d) => [d.sourceId, d.drop])).toEqual([
      ["a", 30],
      ["b", 1],
    ]);
    expect(drops[0]!.peakAt.toISOString()).toBe("2024-03-10T08:00:00.000Z");
  });
});
