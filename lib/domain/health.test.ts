import { describe, expect, test } from "vitest";
import { describeHealth } from "./health";

const now = Date.parse("2026-01-01T12:00:00Z");
/** A source created a day ago, polled every two minutes. */
const source = { pollIntervalS: 120, createdAt: new Date(now - 86_400_000) };
const row = (status: string, lastSuccessAgoS: number | null) => ({
  status,
  lastAttemptAt: new Date(now - 10_000),
  lastSuccessAt: lastSuccessAgoS === null ? null : new Date(now - lastSuccessAgoS * 1000),
  consecutiveFailures: 0,
  lastError: null,
  nextPollAt: null,
});

describe("source health", () => {
  test("never polled is unknown, and stale only once two intervals passed since it was added", () => {
    expect(describeHealth(null, { ...source, createdAt: new Date(now - 60_000) }, now)).toMatchObject({
      status: "unknown",
      stale: false,
      staleSince: null,
    });
    const late = describeHealth(null, { ...source, createdAt: new Date(now - 241_000) }, now);
    expect(late).toMatchObject({ status: "unknown", stale: true });
    expect(late.staleSince?.getTime()).toBe(now - 1_000);
  });

  test("stale once the last success is older than two poll intervals", () => {
    expect(describeHealth(row("ok", 240), source, now).stale).toBe(false);
    const stale = describeHealth(row("unreachable", 241), source, now);
    expect(stale).toMatchObject({ status: "unreachable", stale: true });
    // It went stale two intervals after that last success.
    expect(stale.staleSince?.getTime()).toBe(now - 1_000);
  });

  test("a disabled source is never stale: nobody expects new data from it", () => {
    expect(describeHealth(row("ok", 10_000), { ...source, enabled: false }, now)).toMatchObject({
      stale: false,
      staleSince: null,
    });
    expect(describeHealth(null, { ...source, enabled: false }, now)).toMatchObject({ stale: false, staleSince: null });
    expect(describeHealth(row("ok", 10_000), { ...source, enabled: true }, now).stale).toBe(true);
  });

  test("a status the poller does not define reads as unknown", () => {
    expect(describeHealth(row("exploded", 1), source, now).status).toBe("unknown");
    for (const status of ["ok", "degraded", "unreachable", "auth-failed", "rate-limited"])
      expect(describeHealth(row(status, 1), source, now).status).toBe(status);
  });
});
