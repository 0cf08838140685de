import { describe, expect, test } from "vitest";
import { describeHealth } from "./health";

const now = Date.parse("2026-01-01T12:00:00Z");
const row = (status: string, lastSuccessAgoS: number | null) => ({
  status,
  lastAttemptAt: new Date(now - 10_000),
  lastSuccessAt: lastSuccessAgoS === null ? null : new Date(now - lastSuccessAgoS * 1000),
  consecutiveFailures: 0,
  lastError: null,
  nextPollAt: null,
});

describe("source health", () => {
  test("never polled is unknown and not stale", () => {
    expect(describeHealth(null, 120, now)).toMatchObject({ status: "unknown", stale: false, staleSince: null });
  });

  test("stale once the last success is older than two poll intervals", () => {
    expect(describeHealth(row("ok", 240), 120, now).stale).toBe(false);
    const stale = describeHealth(row("unreachable", 241), 120, now);
    expect(stale).toMatchObject({ status: "unreachable", stale: true });
    expect(stale.staleSince?.getTime()).toBe(now - 241_000);
  });

  test("a status the poller does not define reads as unknown", () => {
    expect(describeHealth(row("exploded", 1), 120, now).status).toBe("unknown");
    for (const status of ["ok", "degraded", "unreachable", "auth-failed", "rate-limited"]) expect(describeHealth(row(status, 1), 120, now).status).toBe(status);
  });
});
