import { describe, expect, test } from "vitest";
import { AuthError, RateLimited, TimeoutError, TransportError } from "@/lib/soap";
import { BREAKER_CAP_MS, breakerDelayMs, failedHealth, failureOf, nextPollTime, partialHealth } from "./health";

describe("the breaker", () => {
  test("doubles per failure from twice the interval and caps at 30 minutes", () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 10].map((n) => breakerDelayMs(n, 120_000, middle))).toEqual([
      240_000,
      480_000,
      960_000,
      BREAKER_CAP_MS,
      BREAKER_CAP_MS,
      BREAKER_CAP_MS,
    ]);
  });

  test("jitters by ±20%", () => {
    expect(breakerDelayMs(1, 60_000, () => 0)).toBe(96_000);
    expect(breakerDelayMs(1, 60_000, () => 1)).toBe(144_000);
  });

  test("never rests less than one interval for sources polled less often than the cap", () => {
    expect(breakerDelayMs(3, 3_600_000, () => 0.5)).toBe(3_600_000);
  });
});

describe("health of a failed or partial poll", () => {
  test("refused credentials, a spent budget, and everything else", () => {
    expect(failedHealth(failureOf(new AuthError(401)).kind)).toBe("auth-failed");
    expect(failedHealth(failureOf(new RateLimited("x", 5_000)).kind)).toBe("rate-limited");
    expect(failureOf(new RateLimited("x", 5_000)).options.retryAfterMs).toBe(5_000);
    expect(failedHealth(failureOf(new TimeoutError("total", 1000)).kind)).toBe("unreachable");
    expect(
      failedHealth(failureOf(new TransportError("refused", "The device refused the connection.", "ECONNREFUSED")).kind),
    ).toBe("unreachable");
    expect(failedHealth(failureOf(new Error("SQLITE_BUSY")).kind)).toBeNull();
    expect(failureOf(new Error("SELECT secret")).userMessage).not.toMatch(/SELECT/);
  });

  test("a partial poll is degraded, or rate-limited when the budget ran out", () => {
    expect(partialHealth([{ kind: "node", userMessage: "" }])).toBe("degraded");
    expect(
      partialHealth([
        { kind: "node", userMessage: "" },
        { kind: "rate-limited", userMessage: "" },
      ]),
    ).toBe("rate-limited");
  });
});

describe("scheduling and staleness", () => {
  test("the next poll is one interval after this one started, ±jitter, never right after a long poll", () => {
    expect(nextPollTime(0, 5_000, 300_000, 0.05, () => 0.5)).toBe(300_000);
    expect(nextPollTime(0, 5_000, 300_000, 0.05, () => 1)).toBe(315_000);
    expect(nextPollTime(0, 290_000, 300_000, 0, () => 0.5)).toBe(350_000);
  });
});
