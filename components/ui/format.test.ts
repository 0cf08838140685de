import { describe, expect, test } from "vitest";
import { formatAgo, formatShare } from "./format";

describe("formatting", () => {
  test("shares", () => {
    expect(formatShare(0, 0)).toBe("–");
    expect(formatShare(93, 100)).toBe("93.0 %");
    expect(formatShare(1, 5000)).toBe("<0.1 %");
    expect(formatShare(100, 100)).toBe("100 %");
    expect(formatShare(0, 10)).toBe("0 %");
  });

  test("ago", () => {
    const now = Date.parse("2024-01-01T12:00:00Z");
    expect(formatAgo(null, now)).toBe("never");
    expect(formatAgo("2024-01-01T11:59:30Z", now)).toBe("30 s ago");
    expect(formatAgo("2024-01-01T11:00:00Z", now)).toBe("1 h ago");
    expect(formatAgo("2023-12-29T12:00:00Z", now)).toBe("3 d ago");
  });
});
