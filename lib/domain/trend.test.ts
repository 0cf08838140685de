import { describe, expect, test } from "vitest";
import { bucketSamples, isTimeZone, planBuckets, zoneOffsetMs, type SampleCounts } from "./trend";

const now = new Date("2024-03-10T12:34:56Z");
const sample = (at: string, registered: number): SampleCounts => ({
  at: new Date(at),
  registered,
  inFallback: 0,
  unregistered: 0,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
});

describe("trend buckets", () => {
  test("5-minute buckets for 24 hours, hourly for 7 days, six-hourly for 30, daily for 90 days and a year", () => {
    const day = planBuckets("24h", now);
    expect(day).toMatchObject({ bucketMs: 300_000, resolution: "5m" });
    expect(day.starts).toHaveLength(288);
    expect(day.starts.at(-1)!.toISOString()).toBe("2024-03-10T12:30:00.000Z");
    expect(day.to.toISOString()).toBe("2024-03-10T12:35:00.000Z");
    expect(planBuckets("7d", now).starts).toHaveLength(168);
    expect(planBuckets("30d", now).starts.at(-1)!.toISOString()).toBe("2024-03-10T12:00:00.000Z");
    const quarter = planBuckets("90d", now);
    expect(quarter).toMatchObject({ resolution: "1h" });
    expect(quarter.starts).toHaveLength(90);
    expect(quarter.starts.at(-1)!.toISOString()).toBe("2024-03-10T00:00:00.000Z");
    expect(planBuckets("1y", now).starts).toHaveLength(365);
  });

  test("days start at the viewer's midnight: in Chicago, 10 March is labelled 10 March, not the 9th", () => {
    const plan = planBuckets("90d", now, "America/Chicago");
    // 12:34 UTC is 06:34 in Chicago (CST, UTC-6, before the change that night).
    expect(plan.starts.at(-1)!.toISOString()).toBe("2024-03-10T06:00:00.000Z");
    const label = plan.starts.at(-1)!.toLocaleDateString("en-US", { timeZone: "America/Chicago", day: "numeric" });
    expect(label).toBe("10");
    // The day before was 24 hours; days stay whole days on the wall clock.
    expect(plan.starts.at(-2)!.toISOString()).toBe("2024-03-09T06:00:00.000Z");
  });

  test("a day across a DST change is 23 hours long, and half-hour zones get their own hours", () => {
    const after = new Date("2024-03-11T12:00:00Z");
    const plan = planBuckets("90d", after, "America/Chicago");
    // 10 March began at 06:00 UTC (CST) and 11 March at 05:00 UTC (CDT): a 23-hour day.
    expect(plan.starts.at(-1)!.toISOString()).toBe("2024-03-11T05:00:00.000Z");
    expect(plan.starts.at(-2)!.toISOString()).toBe("2024-03-10T06:00:00.000Z");
    expect(zoneOffsetMs("Asia/Kolkata", after.getTime())).toBe(5.5 * 3_600_000);
    const hours = planBuckets("7d", after, "Asia/Kolkata");
    expect(hours.starts.at(-1)!.toISOString()).toBe("2024-03-11T11:30:00.000Z");
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("trend points from samples", () => {
  test("each bucket holds its latest sample; an empty one is a gap; the last one is now", () => {
    const plan = planBuckets("7d", now);
    const current = { ...sample(now.toISOString(), 95), unregistered: 5 };
    const points = bucketSamples(
      plan,
      [sample("2024-03-10T10:00:00Z", 100), sample("2024-03-10T10:59:00Z", 101), sample("2024-03-10T08:00:00Z", 90)],
      current,
    );
    expect(points).toHaveLength(168);
    const at = (iso: string) => points.find((p) => p.at.toISOString() === iso)!;
    expect(at("2024-03-10T10:00:00.000Z")).toMatchObject({ sampled: true, registered: 101 });
    expect(at("2024-03-10T09:00:00.000Z")).toMatchObject({ sampled: false });
    expect(at("2024-03-10T08:00:00.000Z")).toMatchObject({ sampled: true, registered: 90 });
    expect(points.at(-1)).toMatchObject({ sampled: true, registered: 95, unregistered: 5 });
  });

  test("a fresh install's chart shows the present at once", () => {
    const points = bucketSamples(planBuckets("24h", now), [], { ...sample(now.toISOString(), 7) });
    expect(points.filter((p) => p.sampled)).toHaveLength(1);
    expect(points.at(-1)!.registered).toBe(7);
  });
});
