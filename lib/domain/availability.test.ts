import { describe, expect, test } from "vitest";
import { availabilityOf, hourShare, monthBounds, monthOf } from "./availability";

const hour = (registered: number, down: number, samples = 12, inFallback = 0) => ({
  samples,
  registered: registered * samples,
  inFallback: inFallback * samples,
  unregistered: down * samples,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
});

describe("availability", () => {
  test("a month runs from midnight to midnight in the zone, DST included", () => {
    expect(monthBounds("2026-11", "UTC")).toEqual({
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-12-01T00:00:00Z"),
      hours: 720,
    });
    // Chicago: CDT on 1 November (UTC-5), CST from the 1st's early hours on (UTC-6): 721 hours.
    const chicago = monthBounds("2026-11", "America/Chicago");
    expect(chicago.from.toISOString()).toBe("2026-11-01T05:00:00.000Z");
    expect(chicago.to.toISOString()).toBe("2026-12-01T06:00:00.000Z");
    expect(chicago.hours).toBe(721);
    expect(monthOf(new Date("2026-12-01T03:00:00Z"), "America/Chicago")).toBe("2026-11");
    expect(monthOf(new Date("2026-12-01T03:00:00Z"), "Europe/Berlin")).toBe("2026-12");
  });

  test("the share of phone-minutes registered, a phone in fallback counting as available", () => {
    const month = availabilityOf([hour(90, 10), hour(100, 0), hour(40, 50, 12, 10)]);
    expect(month.available).toBeCloseTo((90 + 100 + 50) / 300, 6);
    expect(month.inFallback).toBeCloseTo(10 / 300, 6);
    expect(month.phoneHours).toBeCloseTo(300, 6);
    expect(month.coveredHours).toBe(3);
    expect(availabilityOf([])).toEqual({ available: null, inFallback: null, phoneHours: 0, coveredHours: 0 });
    expect(hourShare(hour(3, 1))).toBe(0.75);
  });
});
