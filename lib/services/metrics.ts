// What /metrics exposes. From the database, alike on every instance: phones per site and effective
// state (in fallback included), devices per source and status, open site outages, each source's
// last poll and its polls of the last hour per outcome, RisPort budget use per cluster over the
// last minute, source health as one gauge per status, and the poll workers' health. Then this
// process's own figures (lib/api/process-metrics.ts): Node process metrics, API requests, and
// polls when it polls itself (LINEWATCH_WORKER=inline).
import "server-only";
import { deviceCountsBySource, effectiveGroups, sourcesWithHealth } from "@/lib/db/overview";
import { openSiteEvents } from "@/lib/db/site-events";
import { lastPolls, pollOutcomesSince, risportRequestsSince } from "@/lib/db/metrics";
import { alertCounts } from "@/lib/db/alerts";
import { effectiveStatuses, registrationStatuses } from "@/lib/domain/status";
import { PHONE_CLASS } from "@/lib/domain/device-classes";
import { renderMetrics, type Metric } from "@/lib/api/prometheus";
import { processMetricsText } from "@/lib/api/process-metrics";
import { getPoller } from "./poller";

const healthStatuses = ["ok", "degraded", "unreachable", "auth-failed", "rate-limited", "unknown"] as const;
const pollOutcomes = ["ok", "partial", "failed"] as const;

export async function metricsText(now = new Date()): Promise<string> {
  const sources = await sourcesWithHealth();
  const [counts, polls, recentPolls, budget, effective, outages, alerts, poller] = await Promise.all([
    deviceCountsBySource(),
    lastPolls(sources.map((s) => s.id)),
    pollOutcomesSince(new Date(now.getTime() - 3_600_000)),
    risportRequestsSince(new Date(now.getTime() - 60_000)),
    effectiveGroups(),
    openSiteEvents(),
    alertCounts(),
    getPoller(now.getTime()),
  ]);
  const phoneGroups = effective.filter((g) => g.deviceClass === PHONE_CLASS);
  const phoneSites = [...new Set(phoneGroups.map((g) => g.site))].sort();
  const phones = (site: string, status: string) =>
    phoneGroups.filter((g) => g.site === site && g.effectiveStatus === status).reduce((sum, g) => sum + g.count, 0);
  // Trunks, gateways, media resources… per class and state, only the pairs that exist.
  const infrastructure = new Map<string, { deviceClass: string; status: string; count: number }>();
  for (const g of effective) {
    if (g.deviceClass === PHONE_CLASS) continue;
    const key = `${g.deviceClass}\u0000${g.effectiveStatus}`;
    const held = infrastructure.get(key);
    if (held) held.count += g.count;
    else infrastructure.set(key, { deviceClass: g.deviceClass, status: g.effectiveStatus, count: g.count });
  }
  const byId = new Map(sources.map((s) => [s.id, s]));
  const labelsOf = (id: string) => {
    const s = byId.get(id);
    return { source: s?.name ?? id, site: s?.site ?? "", kind: s?.kind ?? "" };
  };
  const count = (sourceId: string, status: string) =>
    counts
      .filter((c) => c.sourceId === sourceId && c.registrationStatus === status)
      .reduce((sum, c) => sum + c.count, 0);
  const otherStatuses = counts.filter(
    (c) => !(registrationStatuses as readonly string[]).includes(c.registrationStatus),
  );
  // Every source and outcome, zeros included, so a failure ratio has a denominator.
  const recentBy = new Map(recentPolls.map((p) => [`${p.sourceId}\u0000${p.outcome}`, p]));
  const recent = (sourceId: string, outcome: string) => recentBy.get(`${sourceId}\u0000${outcome}`);
  const clusters = sources.filter((s) => s.kind === "cucm");
  const used = new Map(budget.map((b) => [b.clusterId, b.count]));
  const clusterIds = [...new Set([...clusters.map((c) => c.id), ...budget.map((b) => b.clusterId)])];

  const metrics: Metric[] = [
    {
      name: "linewatch_phones",
      help: "Phones (desk phones and soft clients; infrastructure devices apart) per site and effective state, each counted once however many sources report it (in-fallback: registered to an SRST/CME router while off its cluster).",
      type: "gauge",
      samples: phoneSites.flatMap((site) =>
        effectiveStatuses.map((status) => ({ labels: { site, status }, value: phones(site, status) })),
      ),
    },
    {
      name: "linewatch_infrastructure_devices",
      help: "Devices that are not phones (SIP trunks, gateways, media resources, voicemail ports, hunt lists, CTI ports) per RisPort class and effective state.",
      type: "gauge",
      samples: [...infrastructure.values()].map((g) => ({
        labels: { class: g.deviceClass, status: g.status },
        value: g.count,
      })),
    },
    {
      name: "linewatch_site_outage",
      help: "1 for each site with an open site-outage hint: phones now out of registration, and in fallback.",
      type: "gauge",
      samples: outages.flatMap((e) => [
        { labels: { site: e.site, measure: "out" }, value: e.out },
        { labels: { site: e.site, measure: "in_fallback" }, value: e.inFallback },
      ]),
    },
    {
      name: "linewatch_devices",
      help: "Devices each source reports now, per registration status.",
      type: "gauge",
      samples: [
        ...sources.flatMap((s) =>
          registrationStatuses.map((status) => ({ labels: { ...labelsOf(s.id), status }, value: count(s.id, status) })),
        ),
        ...otherStatuses.map((c) => ({
          labels: { ...labelsOf(c.sourceId), status: c.registrationStatus },
          value: c.count,
        })),
      ],
    },
    {
      name: "linewatch_poll_duration_seconds",
      help: "How long each source's last poll took.",
      type: "gauge",
      samples: polls.map((p) => ({
        labels: { ...labelsOf(p.sourceId), outcome: p.outcome },
        value: p.durationMs / 1000,
      })),
    },
    {
      name: "linewatch_polls_last_hour",
      help: "Polls of each source started in the last hour, per outcome (ok, partial, failed), from any poll worker.",
      type: "gauge",
      samples: sources.flatMap((s) =>
        pollOutcomes.map((outcome) => ({
          labels: { ...labelsOf(s.id), outcome },
          value: recent(s.id, outcome)?.count ?? 0,
        })),
      ),
    },
    {
      name: "linewatch_poll_seconds_last_hour",
      help: "Seconds the polls of each source started in the last hour took together, per outcome (divide by linewatch_polls_last_hour for the mean).",
      type: "gauge",
      samples: sources.flatMap((s) =>
        pollOutcomes.map((outcome) => ({
          labels: { ...labelsOf(s.id), outcome },
          value: recent(s.id, outcome)?.seconds ?? 0,
        })),
      ),
    },
    {
      name: "linewatch_poll_last_start_timestamp_seconds",
      help: "When each source's last poll started (Unix time).",
      type: "gauge",
      samples: polls.map((p) => ({ labels: labelsOf(p.sourceId), value: Math.floor(p.startedAt.getTime() / 1000) })),
    },
    {
      name: "linewatch_poll_last_success_timestamp_seconds",
      help: "When each source was last polled successfully (Unix time).",
      type: "gauge",
      samples: sources
        .filter((s) => s.health?.lastSuccessAt)
        .map((s) => ({ labels: labelsOf(s.id), value: Math.floor(s.health!.lastSuccessAt!.getTime() / 1000) })),
    },
    {
      name: "linewatch_risport_requests_last_minute",
      help: "RisPort requests granted from each cluster's rate budget in the last 60 seconds.",
      type: "gauge",
      samples: clusterIds.map((id) => ({ labels: { cluster: labelsOf(id).source }, value: used.get(id) ?? 0 })),
    },
    {
      name: "linewatch_risport_budget_per_minute",
      help: "Each cluster's RisPort request budget per minute.",
      type: "gauge",
      samples: clusters
        .filter((c) => c.budgetPerMinute !== null)
        .map((c) => ({ labels: { cluster: c.name }, value: c.budgetPerMinute! })),
    },
    {
      name: "linewatch_source_health",
      help: "Each source's poll health: 1 for its current status, 0 for the others.",
      type: "gauge",
      samples: sources.flatMap((s) => {
        const current = s.health?.status ?? "unknown";
        const statuses = (healthStatuses as readonly string[]).includes(current)
          ? healthStatuses
          : [...healthStatuses, current];
        return statuses.map((status) => ({ labels: { ...labelsOf(s.id), status }, value: status === current ? 1 : 0 }));
      }),
    },
    {
      name: "linewatch_alerts",
      help: "Open (firing) alerts per rule and severity.",
      type: "gauge",
      samples: alerts.map((a) => ({ labels: { rule: a.rule, severity: a.severity, state: a.state }, value: a.count })),
    },
    {
      name: "linewatch_source_enabled",
      help: "1 when the source is polled, 0 when polling is turned off.",
      type: "gauge",
      samples: sources.map((s) => ({ labels: labelsOf(s.id), value: s.enabled ? 1 : 0 })),
    },
    {
      name: "linewatch_poll_workers_alive",
      help: "Poll workers whose heartbeat is less than 30 s old (0: nothing polls).",
      type: "gauge",
      samples: [{ labels: {}, value: poller.workers.filter((w) => w.alive).length }],
    },
    {
      name: "linewatch_poll_worker_heartbeat_age_seconds",
      help: "Seconds since each known poll worker's last heartbeat.",
      type: "gauge",
      samples: poller.workers.map((w) => ({
        labels: { worker: w.id, host: w.host },
        value: Math.max(0, (now.getTime() - Date.parse(w.beatAt)) / 1000),
      })),
    },
    {
      name: "linewatch_poll_worker_polling",
      help: "Polls running in each live poll worker at its last heartbeat.",
      type: "gauge",
      samples: poller.workers.filter((w) => w.alive).map((w) => ({ labels: { worker: w.id }, value: w.polling })),
    },
    {
      name: "linewatch_polls_overdue",
      help: "Enabled sources whose poll is overdue by more than a minute: the queue a slow or absent worker leaves.",
      type: "gauge",
      samples: [{ labels: {}, value: poller.overdue.count }],
    },
  ];
  return renderMetrics(metrics) + (await processMetricsText());
}
