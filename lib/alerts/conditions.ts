// What each rule kind sees as "wrong now": a list of conditions, one per subject (a site, a source,
// a phone, a CTI application). The lifecycle (evaluate.ts) turns them into alerts.
import { openSiteEvents } from "@/lib/db/site-events";
import {
  ctiAppsIn,
  deviceCountGroups,
  devicesByName,
  flappingNames,
  watchedDevicesOut,
  type DeviceCountGroup,
  type SourceAlertFacts,
} from "@/lib/db/alerts-reads";
import type { RuleRow } from "@/lib/db/alerts";
import { toSiteEvent } from "@/lib/api/site-events";
import { isStale } from "@/lib/domain/staleness";
import { parseJsonObject } from "@/lib/domain/json";
import {
  isSoftClient,
  parseRuleParams,
  type RuleKind,
  type RuleParams,
  type RuleScope,
} from "@/lib/domain/alert-rules";

export interface Condition {
  subject: string;
  site: string;
  summary: string;
  detail: Record<string, unknown>;
  /** When the condition began, when the data says (else: when first seen). */
  startedAt?: Date;
}

export interface Sample {
  scope: string;
  at: Date;
  registered: number;
  total: number;
}

/** Read once per evaluation and shared by every rule. */
export interface EvaluationContext {
  now: Date;
  sources: SourceAlertFacts[];
  marks: { kind: string; name: string; critical: boolean; notAlerting: boolean }[];
  /** Registered-share samples of the last day (registration drop). */
  samples: Sample[];
  /** Counts taken now, per drop-rule scope: written as samples by the caller. */
  taken: Sample[];
  cache: Map<string, unknown>;
}

const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;

function memo<T>(ctx: EvaluationContext, key: string, load: () => Promise<T>): Promise<T> {
  if (!ctx.cache.has(key)) ctx.cache.set(key, load());
  return ctx.cache.get(key) as Promise<T>;
}

function sourceIdsOf(ctx: EvaluationContext, names: readonly string[]): Set<string> {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return new Set(ctx.sources.filter((s) => wanted.has(s.name.toLowerCase())).map((s) => s.id));
}

/** The rule's scope filter and the "not alerting" marks, as one predicate on a device. */
function deviceFilter(ctx: EvaluationContext, scope: RuleScope) {
  const sources = sourceIdsOf(ctx, scope.sources);
  const mutedModels = new Set(
    ctx.marks.filter((m) => m.kind === "model" && m.notAlerting).map((m) => m.name.toLowerCase()),
  );
  const lower = (list: readonly string[]) => new Set(list.map((v) => v.toLowerCase()));
  const sites = lower(scope.sites);
  const models = lower(scope.models);
  const classes = lower(scope.deviceClasses);
  return (d: { site: string; model: string; deviceClass: string; sourceId: string }) =>
    (sites.size === 0 || sites.has(d.site.toLowerCase())) &&
    (scope.sources.length === 0 || sources.has(d.sourceId)) &&
    (models.size === 0 || models.has(d.model.toLowerCase())) &&
    (classes.size === 0 || classes.has(d.deviceClass.toLowerCase())) &&
    !mutedModels.has(d.model.toLowerCase());
}

const mutedDevices = (ctx: EvaluationContext) =>
  ctx.marks.filter((m) => m.kind === "device" && m.notAlerting).map((m) => m.name);

async function siteOutage(ctx: EvaluationContext, scope: RuleScope): Promise<Condition[]> {
  const sites = new Set(scope.sites.map((s) => s.toLowerCase()));
  const events = await openSiteEvents();
  return events
    .filter((e) => sites.size === 0 || sites.has(e.site.toLowerCase()))
    .map((e) => {
      const view = toSiteEvent(e, ctx.now);
      return {
        subject: `site:${e.site}`,
        site: e.site,
        summary: view.summary,
        startedAt: e.startedAt,
        detail: {
          site: e.site,
          phones: e.phones,
          out: e.out,
          peakOut: e.peakOut,
          inFallback: e.inFallback,
          fallbackRouters: view.fallbackRouters,
        },
      };
    });
}

async function registrationDrop(
  rule: RuleRow,
  ctx: EvaluationContext,
  params: RuleParams<"registration-drop">,
  scope: RuleScope,
): Promise<Condition[]> {
  // By source only for a rule scoped to sources: otherwise the groups are several times fewer.
  const bySource = scope.sources.length > 0;
  const groups = await memo(ctx, `deviceCounts:${bySource}`, () => deviceCountGroups(mutedDevices(ctx), { bySource }));
  const keep = deviceFilter(ctx, scope);
  const totals = new Map<string, { site: string; registered: number; total: number }>();
  for (const g of groups as DeviceCountGroup[]) {
    if (!keep(g) || (!params.includeSoftClients && isSoftClient(g.model))) continue;
    if (g.effectiveStatus === "unknown") continue; // no fresh data: a stale source is its own alert
    const key = params.scope === "fleet" ? `${rule.id}|fleet` : `${rule.id}|site:${g.site}`;
    const entry = totals.get(key) ?? { site: params.scope === "fleet" ? "" : g.site, registered: 0, total: 0 };
    entry.total += g.count;
    // A phone in fallback is registered (to its SRST router) and can call: a site outage says the rest.
    // Returning from fallback: the end of an outage, not a drop.
    if (g.effectiveStatus === "registered" || g.effectiveStatus === "in-fallback" || g.effectiveStatus === "returning")
      entry.registered += g.count;
    totals.set(key, entry);
  }
  const since = ctx.now.getTime() - params.windowMinutes * 60_000;
  const conditions: Condition[] = [];
  for (const [key, now] of totals) {
    ctx.taken.push({ scope: key, at: ctx.now, ...now });
    if (now.total < params.minPhones) continue;
    const share = now.registered / now.total;
    const earlier = ctx.samples.filter((s) => s.scope === key && s.at.getTime() >= since && s.total > 0);
    if (earlier.length === 0) continue;
    const peak = earlier.reduce((best, s) => (s.registered / s.total > best.registered / best.total ? s : best));
    const peakShare = peak.registered / peak.total;
    const drop = (peakShare - share) * 100;
    if (drop < params.dropPoints) continue;
    const where = params.scope === "fleet" ? "the fleet" : `site ${now.site || "(none)"}`;
    conditions.push({
      subject: params.scope === "fleet" ? "fleet" : `site:${now.site}`,
      site: now.site,
      summary: `Registered phones in ${where} fell from ${percent(peakShare)} to ${percent(share)} (${now.registered} of ${now.total}) within ${params.windowMinutes} min.`,
      detail: {
        scope: params.scope,
        site: now.site,
        registered: now.registered,
        total: now.total,
        share,
        peakShare,
        peakAt: peak.at.toISOString(),
        dropPoints: Math.round(drop * 10) / 10,
      },
    });
  }
  return conditions;
}

function sourceHealth(ctx: EvaluationContext, params: RuleParams<"source-health">, scope: RuleScope): Condition[] {
  const only = sourceIdsOf(ctx, scope.sources);
  const sites = new Set(scope.sites.map((s) => s.toLowerCase()));
  const out: Condition[] = [];
  for (const s of ctx.sources) {
    if (
      !s.enabled ||
      (scope.sources.length > 0 && !only.has(s.id)) ||
      (sites.size > 0 && !sites.has(s.site.toLowerCase()))
    )
      continue;
    const status = s.health?.status ?? "unknown";
    const last = s.health?.lastSuccessAt;
    const wrong: string[] = [];
    if (params.conditions.includes("unreachable") && status === "unreachable") wrong.push("unreachable");
    if (params.conditions.includes("auth-failed") && status === "auth-failed")
      wrong.push("refusing the user name or password");
    if (
      // Stale data needs data: a source never read yet alerts through its failures (unreachable,
      // refused), so enabling an old source does not raise "stale" before its first poll.
      params.conditions.includes("stale") &&
      last != null &&
      isStale({ pollIntervalS: s.pollIntervalS, createdAt: s.createdAt, lastSuccessAt: last }, ctx.now)
    )
      wrong.push("stale (no successful poll for two intervals)");
    if (params.conditions.includes("incomplete") && s.lastPollComplete === false)
      wrong.push("its last sweep incomplete");
    if (wrong.length === 0) continue;
    out.push({
      subject: `source:${s.id}`,
      site: s.site,
      summary: `Source ${s.name} is ${wrong.join(", ")}${s.health?.lastError ? `: ${s.health.lastError}` : "."}`,
      detail: {
        source: s.name,
        status,
        lastSuccessAt: last?.toISOString() ?? null,
        lastError: s.health?.lastError ?? null,
      },
    });
  }
  return out;
}

async function keyPhones(
  ctx: EvaluationContext,
  params: RuleParams<"key-phone">,
  scope: RuleScope,
): Promise<Condition[]> {
  const critical = params.includeCritical
    ? ctx.marks.filter((m) => m.kind === "device" && m.critical).map((m) => m.name)
    : [];
  const muted = new Set(mutedDevices(ctx).map((n) => n.toUpperCase()));
  const keep = deviceFilter(ctx, scope);
  const names = new Map(ctx.sources.map((s) => [s.id, s.name]));
  return (await watchedDevicesOut(critical))
    .filter((d) => keep(d) && !muted.has(d.name.toUpperCase()))
    .map((d) => ({
      subject: `device:${d.name}`,
      site: d.site,
      startedAt: d.leftRegisteredAt ?? d.effectiveChangedAt,
      summary: `Key phone ${d.name}${d.description ? ` (${d.description})` : ""} at ${d.site || "no site"} is ${d.effectiveStatus}.`,
      detail: {
        device: d.name,
        description: d.description,
        model: d.model,
        site: d.site,
        status: d.effectiveStatus,
        source: names.get(d.sourceId) ?? d.sourceId,
      },
    }));
}

async function ctiApps(ctx: EvaluationContext, params: RuleParams<"cti-app">, scope: RuleScope): Promise<Condition[]> {
  const only = sourceIdsOf(ctx, scope.sources);
  const byId = new Map(ctx.sources.map((s) => [s.id, s]));
  return (await ctiAppsIn(params.statuses))
    .filter((a) => scope.sources.length === 0 || only.has(a.sourceId))
    .map((a) => {
      const source = byId.get(a.sourceId);
      return {
        subject: `cti:${a.sourceId}:${a.appId}`,
        site: source?.site ?? "",
        startedAt: a.statusChangedAt,
        summary: `CTI application ${a.appId}${a.userId ? ` (${a.userId})` : ""} on ${source?.name ?? a.sourceId} is ${a.status}${a.reason ? `: ${a.reason}` : "."}`,
        detail: {
          appId: a.appId,
          userId: a.userId,
          status: a.status,
          reason: a.reason,
          source: source?.name ?? a.sourceId,
        },
      };
    });
}

async function flapping(
  ctx: EvaluationContext,
  params: RuleParams<"flapping">,
  scope: RuleScope,
): Promise<Condition[]> {
  const flaps = await flappingNames(new Date(ctx.now.getTime() - 3_600_000), params.changesPerHour + 1);
  const devices = new Map((await devicesByName(flaps.map((f) => f.name))).map((d) => [d.name, d]));
  const keep = deviceFilter(ctx, scope);
  const muted = new Set(mutedDevices(ctx).map((n) => n.toUpperCase()));
  const seen = new Set<string>();
  const out: Condition[] = [];
  for (const f of flaps) {
    const d = devices.get(f.name) ?? { name: f.name, site: "", model: "", deviceClass: "", sourceId: f.sourceId };
    if (seen.has(f.name) || !keep(d) || muted.has(f.name.toUpperCase())) continue;
    seen.add(f.name);
    out.push({
      subject: `device:${f.name}`,
      site: d.site,
      summary: `Phone ${f.name} changed status ${f.changes} times in the last hour.`,
      detail: { device: f.name, site: d.site, model: d.model, changes: f.changes },
    });
  }
  return out;
}

export async function conditionsFor(rule: RuleRow, ctx: EvaluationContext): Promise<Condition[]> {
  const kind = rule.kind as RuleKind;
  const { params, scope } = parseRuleParams(kind, parseJsonObject(rule.params));
  switch (kind) {
    case "site-outage":
      return siteOutage(ctx, scope);
    case "registration-drop":
      return registrationDrop(rule, ctx, params as RuleParams<"registration-drop">, scope);
    case "source-health":
      return sourceHealth(ctx, params as RuleParams<"source-health">, scope);
    case "key-phone":
      return keyPhones(ctx, params as RuleParams<"key-phone">, scope);
    case "cti-app":
      return ctiApps(ctx, params as RuleParams<"cti-app">, scope);
    case "flapping":
      return flapping(ctx, params as RuleParams<"flapping">, scope);
    default:
      return [];
  }
}
