import { describe, expect, test } from "vitest";
import { linePath, niceMax, ticks } from "./chart-geometry";

describe("chart geometry", () => {
  test("nice maxima and ticks", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(93_412)).toBe(100_000);
    expect(niceMax(1_800)).toBe(2_000);
    expect(niceMax(230)).toBe(250);
    expect(ticks(100, 4)).toEqual([0, 25, 50, 75, 100]);
  });

  test("paths break at gaps", () => {
    expect(
      linePath(
        [1, 2, null, 4, 5],
        (i) => i * 10,
        (v) => v,
      ),
    ).toBe("M0.0,1.0L10.0,2.0M30.0,4.0L40.0,5.0");
    expect(
      linePath(
        [null, null],
        (i) => i,
        (v) => v,
      ),
    ).toBe("");
  });
});
