// The alert lifecycle: conditions -> pending (waiting out "for at least") -> firing -> resolved,
// one alert per rule and subject. Notifications are written with the change that causes them,
// grouped per rule and channel (a site outage is one message, ten key phones one message);
// silences mute the message but keep the alert; an acknowledged alert does not repeat.
import {
  activeSilences,
  addSamples,
  applyAlertChanges,
  dropPendingAlert,
  insertPendingAlert,
  lastSampleAt,
  listAlertMarks,
  listAlertRules,
  pruneSamples,
  samplesSince,
  unresolvedAlerts,
  updateAlertText,
  type AlertChange,
  type AlertRow,
  type NotificationDraft,
  type RuleRow,
  type SilenceRow,
} from "@/lib/db/alerts";
import { enabledChannelIds } from "@/lib/db/alerts-outbox";
import { sourcesForAlerts } from "@/lib/db/alerts-reads";
import { log } from "@/lib/log";
import { parseJsonObject, parseJsonStrings } from "@/lib/domain/json";
import { conditionsFor, type Condition, type EvaluationContext } from "./conditions";
import { titleOf, type AlertPayload } from "./message";
import { alertsLink } from "./link";

const SAMPLE_EVERY_MS = 30_000;
const SAMPLES_KEPT_MS = 24 * 3_600_000;

export interface EvaluationResult {
  fired: number;
  resolved: number;
  repeated: number;
  notifications: number;
}

export function silenceFor(
  silences: readonly SilenceRow[],
  alert: { ruleId: string; site: string; subject: string },
): SilenceRow | undefined {
  return silences.find(
    (s) =>
      (!s.ruleId || s.ruleId === alert.ruleId) &&
      (!s.site || s.site === alert.site) &&
      (!s.subject || s.subject === alert.subject),
  );
}

function channelsOf(rule: RuleRow, enabled: readonly string[]): string[] {
  const wanted = parseJsonStrings(rule.channelIds);
  return wanted.length === 0 ? [...enabled] : enabled.filter((id) => wanted.includes(id));
}

const minutesBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

export function payloadOf(
  rule: Pick<RuleRow, "id" | "name" | "kind" | "severity">,
  event: AlertPayload["event"],
  alerts: AlertRow[],
  at: Date,
): AlertPayload {
  const base = {
    schema: "linewatch.alert.v1" as const,
    event,
    at: at.toISOString(),
    rule: { id: rule.id, name: rule.name, kind: rule.kind },
    severity: rule.severity,
    link: alertsLink(),
    alerts: alerts.map((a) => ({
      id: a.id,
      subject: a.subject,
      site: a.site,
      summary: a.summary,
      startedAt: a.startedAt.toISOString(),
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      durationMinutes: a.resolvedAt ? minutesBetween(a.startedAt, a.resolvedAt) : null,
      detail: parseJsonObject(a.detail),
    })),
  };
  return { ...base, title: titleOf(base) };
}

function drafts(
  rule: RuleRow,
  channels: readonly string[],
  event: AlertPayload["event"],
  alerts: AlertRow[],
  at: Date,
): NotificationDraft[] {
  if (alerts.length === 0 || channels.length === 0) return [];
  const payload = JSON.stringify(payloadOf(rule, event, alerts, at));
  return channels.map((channelId) => ({
    channelId,
    alertId: alerts[0]!.id,
    event,
    payload,
    nextAttemptAt: at,
    createdAt: at,
  }));
}

/** One rule's conditions against its open alerts. */
async function applyRule(
  rule: RuleRow,
  conditions: Condition[],
  now: Date,
  silences: readonly SilenceRow[],
  channels: readonly string[],
  result: EvaluationResult,
): Promise<void> {
  const open = new Map((await unresolvedAlerts(rule.id)).map((a) => [a.subject, a]));
  const fires: { change: AlertChange; alert: AlertRow }[] = [];
  const repeats: { change: AlertChange; alert: AlertRow }[] = [];
  const resolves: { change: AlertChange; alert: AlertRow }[] = [];
  const seen = new Set<string>();

  for (const condition of conditions) {
    if (seen.has(condition.subject)) continue;
    seen.add(condition.subject);
    const detail = JSON.stringify(condition.detail);
    let alert = open.get(condition.subject);
    if (!alert) {
      const inserted = await insertPendingAlert({
        ruleId: rule.id,
        subject: condition.subject,
        severity: rule.severity,
        site: condition.site,
        summary: condition.summary,
        detail,
        startedAt: condition.startedAt ?? now,
      });
      if (!inserted) continue; // another instance opened it first and will carry it
      alert = inserted;
    } else if (alert.summary !== condition.summary || alert.detail !== detail) {
      await updateAlertText(alert.id, condition.summary, detail);
      alert = { ...alert, summary: condition.summary, detail };
    }
    const silence = silenceFor(silences, { ruleId: rule.id, site: alert.site, subject: alert.subject });
    if (alert.state === "pending" && now.getTime() - alert.startedAt.getTime() >= rule.forSeconds * 1000) {
      fires.push({
        alert: { ...alert, state: "firing", firedAt: now, silenceId: silence?.id ?? null },
        change: {
          id: alert.id,
          from: "pending",
          data: { state: "firing", firedAt: now, lastNotifiedAt: silence ? null : now, silenceId: silence?.id ?? null },
        },
      });
    } else if (alert.state === "firing" && alert.lastNotifiedAt === null && !silence) {
      // Fired during a silence that has ended while it still fires: people hear of it now.
      fires.push({
        alert: { ...alert, silenceId: null },
        change: { id: alert.id, from: "firing", lastNotifiedAt: null, data: { lastNotifiedAt: now } },
      });
    } else if (alert.state === "firing" && rule.repeatSeconds > 0 && !alert.acknowledgedAt && !silence) {
      const last = alert.lastNotifiedAt ?? alert.firedAt ?? alert.startedAt;
      if (now.getTime() - last.getTime() >= rule.repeatSeconds * 1000) {
        repeats.push({
          alert,
          change: { id: alert.id, from: "firing", lastNotifiedAt: alert.lastNotifiedAt, data: { lastNotifiedAt: now } },
        });
      }
    }
  }
  for (const alert of open.values()) {
    if (seen.has(alert.subject)) continue;
    if (alert.state === "pending") await dropPendingAlert(alert.id);
    else {
      // The last summary described it while it lasted ("12 still out"): say it is over.
      const summary = `Resolved after ${minutesBetween(alert.startedAt, now)} min. Was: ${alert.summary}`;
      resolves.push({
        alert: { ...alert, state: "resolved", resolvedAt: now, summary },
        change: { id: alert.id, from: "firing", data: { state: "resolved", resolvedAt: now, openKey: null, summary } },
      });
    }
  }

  const pick = (list: typeof fires, applied: AlertChange[]) =>
    list.filter((f) => applied.some((a) => a.id === f.change.id)).map((f) => f.alert);
  const fired = await applyAlertChanges(
    fires.map((f) => f.change),
    (applied) =>
      drafts(
        rule,
        channels,
        "fired",
        pick(fires, applied).filter((a) => !a.silenceId),
        now,
      ),
  );
  // A resolution is sent only when its firing was (not silenced then) and nothing silences it now.
  const told = (a: AlertRow) =>
    a.lastNotifiedAt !== null && !silenceFor(silences, { ruleId: rule.id, site: a.site, subject: a.subject });
  const resolved = await applyAlertChanges(
    resolves.map((r) => r.change),
    (applied) => drafts(rule, channels, "resolved", pick(resolves, applied).filter(told), now),
  );
  const repeated = await applyAlertChanges(
    repeats.map((r) => r.change),
    (applied) => drafts(rule, channels, "repeat", pick(repeats, applied), now),
  );
  result.fired += fired.length;
  result.resolved += resolved.length;
  result.repeated += repeated.length;
  const sent = (n: AlertRow[]) => (n.length > 0 ? channels.length : 0);
  result.notifications +=
    sent(pick(fires, fired).filter((a) => !a.silenceId)) +
    sent(pick(resolves, resolved).filter(told)) +
    sent(pick(repeats, repeated));
}

/** Every enabled rule, once. `now` comes from the caller (the poll's time, the scheduler's clock). */
export async function evaluateAlerts(now: Date): Promise<EvaluationResult> {
  const result: EvaluationResult = { fired: 0, resolved: 0, repeated: 0, notifications: 0 };
  const rules = await listAlertRules({ enabledOnly: true });
  if (rules.length === 0) return result;
  const [sources, marks, silences, channels, samples, lastSample] = await Promise.all([
    sourcesForAlerts(),
    listAlertMarks(),
    activeSilences(now),
    enabledChannelIds(),
    samplesSince(new Date(now.getTime() - SAMPLES_KEPT_MS)),
    lastSampleAt(),
  ]);
  const ctx: EvaluationContext = { now, sources, marks, samples, taken: [], cache: new Map() };
  for (const rule of rules) {
    try {
      await applyRule(rule, await conditionsFor(rule, ctx), now, silences, channelsOf(rule, channels), result);
    } catch (error) {
      log.error("alert rule not evaluated", {
        rule: rule.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (ctx.taken.length > 0 && (!lastSample || now.getTime() - lastSample.getTime() >= SAMPLE_EVERY_MS)) {
    await addSamples(now, ctx.taken);
    await pruneSamples(new Date(now.getTime() - SAMPLES_KEPT_MS));
  }
  return result;
}
