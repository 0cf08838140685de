// A source's health: the status badge, the age of the last good poll, "stale since …" and the
// last error in plain words.
import { Badge } from "@/components/ui/badge";
import { healthLabels, type HealthStatus } from "@/lib/domain/health";
import type { Source } from "./api";
import { ago, exact } from "./format";

const tones: Record<HealthStatus, "good" | "warn" | "bad" | "neutral"> = {
  ok: "good",
  degraded: "warn",
  "rate-limited": "warn",
  unreachable: "bad",
  "auth-failed": "bad",
  unknown: "neutral",
};

export function HealthCell({ source, now }: { source: Source; now: number }) {
  const { health } = source;
  return (
    <div className="flex flex-col gap-0.5">
      <span>
        <Badge tone={tones[health.status]}>{healthLabels[health.status]}</Badge>
        {health.stale && (
          <span
            className="ml-1.5 text-xs font-medium text-amber-700 dark:text-amber-400"
            title={exact(health.staleSince)}
          >
            stale since {ago(health.staleSince, now)}
          </span>
        )}
      </span>
      <span className="text-xs text-slate-600 dark:text-slate-400" title={exact(health.lastSuccessAt)}>
        Last success {ago(health.lastSuccessAt, now)}
      </span>
      {health.lastError && health.status !== "ok" && (
        <span className="max-w-xs text-xs text-red-700 dark:text-red-400">{health.lastError}</span>
      )}
    </div>
  );
}

export function BudgetCell({ source, now }: { source: Source; now: number }) {
  if (!source.budget) return <span className="text-slate-400">–</span>;
  const { used, limit, pausedUntil } = source.budget;
  return (
    <div className="flex flex-col gap-0.5 text-xs">
      <span>
        <span className="font-medium">{used}</span> of {limit} requests this minute
      </span>
      <meter
        min={0}
        max={limit}
        value={Math.min(used, limit)}
        high={limit - 0.5}
        aria-label={`RisPort budget used by ${source.name}`}
        className="h-1.5 w-24"
      />
      {pausedUntil && (
        <span className="text-amber-700 dark:text-amber-400">
          Paused by the cluster; resumes {ago(pausedUntil, now)}
        </span>
      )}
    </div>
  );
}
