// A source's health as people read it: the poller's status, how old the last good poll is, and
// "stale" once two poll intervals passed without one. Pure, so pages, the API and tests agree.
import { z } from "zod";
import { isStale, staleAt } from "./staleness";

export const healthStatuses = ["ok", "degraded", "unreachable", "auth-failed", "rate-limited", "unknown"] as const;
export const healthStatusSchema = z.enum(healthStatuses);
export type HealthStatus = z.infer<typeof healthStatusSchema>;

export const healthLabels: Record<HealthStatus, string> = {
  ok: "OK",
  degraded: "Degraded",
  unreachable: "Unreachable",
  "auth-failed": "Sign-in refused",
  "rate-limited": "Rate limited",
  unknown: "Not polled yet",
};

/** What SourceHealth holds, as lib/db reads it. */
export interface HealthRow {
  status: string;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  nextPollAt: Date | null;
}

export interface HealthView {
  status: HealthStatus;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  nextPollAt: Date | null;
  /** The last good poll is older than two poll intervals. */
  stale: boolean;
  /** When the data went stale (lib/domain/staleness.ts); null while fresh. */
  staleSince: Date | null;
}

/** A disabled source is never stale: nobody expects new data from it (the pages say "disabled"). */
export function describeHealth(
  row: HealthRow | null,
  source: { pollIntervalS: number; createdAt: Date; enabled?: boolean },
  now: number,
): HealthView {
  const status = healthStatusSchema.safeParse(row?.status).data ?? "unknown";
  const lastSuccessAt = row?.lastSuccessAt ?? null;
  const facts = { pollIntervalS: source.pollIntervalS, createdAt: source.createdAt, lastSuccessAt };
  const stale = source.enabled !== false && isStale(facts, now);
  return {
    status,
    lastAttemptAt: row?.lastAttemptAt ?? null,
    lastSuccessAt,
    consecutiveFailures: row?.consecutiveFailures ?? 0,
    lastError: row?.lastError ?? null,
    nextPollAt: row?.nextPollAt ?? null,
    stale,
    staleSince: stale ? staleAt(facts) : null,
  };
}
