import { describe, expect, it } from "vitest";
import { countsAsFresh, isStale, staleAt } from "./staleness";

const created = new Date("2026-01-01T00:00:00Z");
const minutes = (n: number) => new Date(created.getTime() + n * 60_000);
const source = (lastSuccessAt: Date | null, pollIntervalS = 120) => ({
  pollIntervalS,
  createdAt: created,
  lastSuccessAt,
});

describe("the one staleness rule", () => {
  it("turns stale two poll intervals after the last good poll, not at the boundary itself", () => {
    expect(staleAt(source(minutes(10)))).toEqual(minutes(14));
    expect(isStale(source(minutes(10)), minutes(14))).toBe(false);
    expect(isStale(source(minutes(10)), minutes(14).getTime() + 1)).toBe(true);
  });

  it("gives a never-polled source two intervals from its creation for a first good poll", () => {
    expect(isStale(source(null), minutes(3))).toBe(false);
    expect(isStale(source(null), minutes(4))).toBe(false);
    expect(isStale(source(null), minutes(5))).toBe(true);
    expect(staleAt(source(null, 300))).toEqual(minutes(10));
  });

  it("counts a disabled source's records as not fresh, whatever its polls", () => {
    expect(countsAsFresh({ ...source(minutes(10)), enabled: true }, minutes(11))).toBe(true);
    expect(countsAsFresh({ ...source(minutes(10)), enabled: false }, minutes(11))).toBe(false);
    expect(countsAsFresh({ ...source(minutes(10)), enabled: true }, minutes(15))).toBe(false);
  });
});
