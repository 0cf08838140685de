import { describe, expect, test } from "vitest";
import { sourceFreshness, type SourceFreshnessInput } from "./freshness";

const now = new Date("2024-05-01T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const source = (
  health: SourceFreshnessInput["health"],
  extra: Partial<SourceFreshnessInput> = {},
): SourceFreshnessInput => ({ enabled: true, pollIntervalS: 60, createdAt: ago(86_400), health, ...extra });

describe("source freshness", () => {
  test("ok within two intervals, stale after", () => {
    expect(sourceFreshness(source({ status: "ok", lastAttemptAt: ago(30), lastSuccessAt: ago(119) }), now).state).toBe(
      "ok",
    );
    expect(
      sourceFreshness(source({ status: "ok", lastAttemptAt: ago(30), lastSuccessAt: ago(121) }), now),
    ).toMatchObject({ state: "stale", problem: expect.stringContaining("two poll intervals") });
  });

  test("health other than ok is failing, with words", () => {
    expect(
      sourceFreshness(source({ status: "auth-failed", lastAttemptAt: ago(10), lastSuccessAt: ago(10) }), now),
    ).toMatchObject({ state: "failing", problem: expect.stringContaining("password") });
    expect(
      sourceFreshness(source({ status: "unreachable", lastAttemptAt: ago(10), lastSuccessAt: null }), now).state,
    ).toBe("failing");
  });

  test("a new source waits for its first poll; an old one that never succeeded is stale; disabled is neither", () => {
    expect(
      sourceFreshness(
        source({ status: "unknown", lastAttemptAt: null, lastSuccessAt: null }, { createdAt: ago(60) }),
        now,
      ).state,
    ).toBe("waiting");
    expect(sourceFreshness(source(null, { createdAt: ago(3600) }), now).state).toBe("stale");
    expect(sourceFreshness(source(null, { enabled: false }), now).state).toBe("disabled");
  });
});
