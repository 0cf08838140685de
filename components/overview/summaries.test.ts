import { expect, test } from "vitest";
import { describeSeries } from "./summaries";

test("series summaries in words", () => {
  expect(describeSeries("Registered", [null, 10, 8, null, 12])).toBe(
    "Registered: 10 at the start, 12 at the end (lowest 8, highest 12).",
  );
  expect(describeSeries("Rejected", [null])).toBe("Rejected: no polls recorded in this period.");
});
