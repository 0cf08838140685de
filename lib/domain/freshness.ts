// Whether a source's inventory can be trusted right now: failing (its health is not ok), stale
// (no successful poll for two poll intervals), waiting for a first poll, disabled, or ok.
import { isStale } from "./staleness";

export type SourceState = "ok" | "stale" | "failing" | "waiting" | "disabled";

export interface SourceFreshnessInput {
  enabled: boolean;
  pollIntervalS: number;
  createdAt: Date;
  health: { status: string; lastAttemptAt: Date | null; lastSuccessAt: Date | null } | null;
}

const healthWords: Record<string, string> = {
  degraded: "The last poll only partly succeeded.",
  unreachable: "Linewatch cannot reach it.",
  "auth-failed": "Its username or password was refused; polling waits until the settings change.",
  "rate-limited": "Its RisPort request budget is spent; polls are slowed down.",
};

export function sourceFreshness(
  source: SourceFreshnessInput,
  now: Date,
): { state: SourceState; problem: string | null } {
  if (!source.enabled) return { state: "disabled", problem: "Polling is turned off." };
  const status = source.health?.status ?? "unknown";
  const lastSuccess = source.health?.lastSuccessAt ?? null;
  if (status !== "ok" && status !== "unknown")
    return { state: "failing", problem: healthWords[status] ?? `Its health is ${status}.` };
  const stale = isStale(
    { pollIntervalS: source.pollIntervalS, createdAt: source.createdAt, lastSuccessAt: lastSuccess },
    now,
  );
  if (!lastSuccess)
    return stale
      ? { state: "stale", problem: "It has never been polled successfully." }
      : { state: "waiting", problem: null };
  if (stale) return { state: "stale", problem: "No successful poll for more than two poll intervals." };
  if (status === "unknown") return { state: "stale", problem: "Its health is unknown." };
  return { state: "ok", problem: null };
}
