// Alerts as the API and pages use them: the alert list, acknowledge, silences, rules and channels
// (secrets sealed and write-only; delivery hosts checked like sources), and "send test".
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/db/audit";
// The db modules are namespaced: their functions carry the same action names as these.
import * as alertsDb from "@/lib/db/alerts";
import type { AlertListRow, RuleRow, SilenceRow } from "@/lib/db/alerts";
import * as channelsDb from "@/lib/db/alerts-outbox";
import type { ChannelRow } from "@/lib/db/alerts-outbox";
import { AppError, notFound } from "@/lib/errors";
import { parseJsonObject, parseJsonStrings } from "@/lib/domain/json";
import { channelHost, splitChannelInput, type ChannelInput, type ChannelKind } from "@/lib/domain/alert-channels";
import { earlyRefusal } from "./channels/target";
import { payloadOf } from "./evaluate";
import { parseRuleParams, type RuleInput, type RuleKind } from "@/lib/domain/alert-rules";

const minutes = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

export function toAlert(row: AlertListRow, now: Date) {
  return {
    id: row.id,
    rule: { id: row.ruleId, name: row.rule.name, kind: row.rule.kind },
    subject: row.subject,
    state: row.state as "firing" | "resolved",
    severity: row.severity,
    site: row.site,
    summary: row.summary,
    detail: parseJsonObject(row.detail),
    startedAt: row.startedAt.toISOString(),
    firedAt: row.firedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    durationMinutes: minutes(row.startedAt, row.resolvedAt ?? now),
    acknowledged: row.acknowledgedAt
      ? { at: row.acknowledgedAt.toISOString(), by: row.acknowledgedBy ?? "", note: row.ackNote ?? "" }
      : null,
    silenced: row.silenceId !== null,
  };
}

export async function listAlerts(
  query: { state: "open" | "resolved" | "all"; page: number; pageSize: number; site?: string },
  now = new Date(),
) {
  const { items, total } = await alertsDb.listAlerts(query);
  return { items: items.map((row) => toAlert(row, now)), total };
}

export async function acknowledgeAlert(id: string, note: string, who: Actor, at = new Date()) {
  await alertsDb.acknowledgeAlert(id, { note, at }, who);
  const row = await alertsDb.getAlert(id);
  if (!row) throw notFound("The alert");
  return toAlert(row, at);
}

// ---- silences ----

export function toSilence(row: SilenceRow, now: Date) {
  const active = !row.cancelledAt && row.startsAt <= now && row.endsAt > now;
  return {
    id: row.id,
    ruleId: row.ruleId,
    site: row.site,
    subject: row.subject,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    active,
  };
}

export async function listSilences(now = new Date()) {
  return {
    items: (await alertsDb.listSilences(new Date(now.getTime() - 7 * 86_400_000))).map((r) => toSilence(r, now)),
  };
}

export async function createSilence(
  input: { ruleId?: string; site?: string; subject?: string; startsAt?: string; endsAt: string; reason: string },
  who: Actor,
  now = new Date(),
) {
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > startsAt)) throw new AppError("validation_failed", "The silence must end after it starts.");
  if (input.ruleId && !(await alertsDb.getAlertRule(input.ruleId))) throw notFound("The alert rule");
  const row = await alertsDb.createSilence(
    {
      ruleId: input.ruleId ?? null,
      site: input.site ?? null,
      subject: input.subject ?? null,
      startsAt,
      endsAt,
      reason: input.reason,
    },
    who,
  );
  return toSilence(row, now);
}

export async function endSilence(id: string, who: Actor, now = new Date()): Promise<void> {
  await alertsDb.endSilence(id, now, who);
}

// ---- rules ----

export function toRule(row: RuleRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as RuleKind,
    enabled: row.enabled,
    severity: row.severity as "critical" | "warning" | "info",
    params: parseJsonObject(row.params),
    forSeconds: row.forSeconds,
    repeatSeconds: row.repeatSeconds,
    channelIds: parseJsonStrings(row.channelIds),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function ruleData(input: RuleInput) {
  parseRuleParams(input.kind, input.params); // defaults and ranges checked by the contract already; this throws on anything else
  return { ...input, params: JSON.stringify(input.params), channelIds: JSON.stringify(input.channelIds) };
}

export async function listAlertRules() {
  return { items: (await alertsDb.listAlertRules()).map(toRule) };
}
export async function createAlertRule(input: RuleInput, who: Actor) {
  return toRule(await alertsDb.createAlertRule(ruleData(input), who));
}
export async function updateAlertRule(id: string, input: RuleInput, who: Actor) {
  return toRule(await alertsDb.updateAlertRule(id, ruleData(input), who));
}
export async function deleteAlertRule(id: string, who: Actor): Promise<void> {
  await alertsDb.deleteAlertRule(id, who);
}

// ---- channels ----

export function toChannel(row: ChannelRow) {
  const config = parseJsonObject(row.config);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ChannelKind,
    enabled: row.enabled,
    config,
    hasSecrets: row.hasSecrets,
    health: {
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
      lastError: row.lastError,
      consecutiveFailures: row.consecutiveFailures,
      pending: row.pending,
    },
  };
}

/** A literal address that the target policy refuses is refused on save, as for sources (422). */
function checkTarget(input: ChannelInput): { config: Record<string, unknown>; secrets: Record<string, string> } {
  const { config, secrets } = splitChannelInput(input);
  const target = channelHost(input.kind, config, secrets);
  const refusal = target ? earlyRefusal(target.host) : undefined;
  if (refusal) throw new AppError("validation_failed", refusal);
  return { config, secrets: secrets as Record<string, string> };
}

export async function listAlertChannels() {
  return { items: (await channelsDb.listAlertChannels()).map(toChannel) };
}

export async function createAlertChannel(input: ChannelInput, who: Actor) {
  if ((input.kind === "webhook" || input.kind === "slack" || input.kind === "teams") && !input.url)
    throw new AppError("validation_failed", "Invalid body.url: a webhook channel needs its URL.");
  const { config, secrets } = checkTarget(input);
  const id = randomUUID();
  await channelsDb.createAlertChannel(
    { id, name: input.name, kind: input.kind, enabled: input.enabled, config, secrets },
    who,
  );
  return toChannel((await channelsDb.getAlertChannel(id))!);
}

export async function updateAlertChannel(id: string, input: ChannelInput, who: Actor) {
  const before = await channelsDb.getAlertChannel(id);
  if (!before) throw notFound("The channel");
  if (before.kind !== input.kind)
    throw new AppError("validation_failed", "A channel's kind cannot change; add a new channel.");
  const { config, secrets } = checkTarget(input);
  await channelsDb.updateAlertChannel(id, { name: input.name, enabled: input.enabled, config, secrets }, who);
  return toChannel((await channelsDb.getAlertChannel(id))!);
}

export async function deleteAlertChannel(id: string, who: Actor): Promise<void> {
  await channelsDb.deleteAlertChannel(id, who);
}

/** Queues a test message; the worker sends it like any other, and the channel's health shows the outcome. */
export async function testAlertChannel(id: string, who: Actor, now = new Date()) {
  const payload = payloadOf(
    { id: "test", name: "Test message", kind: "test", severity: "info" },
    "test",
    [
      {
        id: "test",
        ruleId: "test",
        subject: "fleet",
        state: "firing",
        severity: "info",
        site: "",
        summary: `A test message from Linewatch, sent by ${who.actor}.`,
        detail: "{}",
        startedAt: now,
        firedAt: now,
        resolvedAt: null,
        lastNotifiedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        ackNote: null,
        silenceId: null,
      },
    ],
    now,
  );
  const notificationId = await channelsDb.testAlertChannel(id, JSON.stringify(payload), now, who);
  return { notificationId };
}

// ---- device marks ----

export async function listAlertMarks() {
  return { items: (await alertsDb.listAlertMarks()).map((m) => ({ ...m, kind: m.kind as "device" | "model" })) };
}

export async function setAlertMark(
  input: { kind: "device" | "model"; name: string; critical: boolean; notAlerting: boolean },
  who: Actor,
) {
  await alertsDb.setAlertMark({ ...input, name: input.kind === "device" ? input.name.toUpperCase() : input.name }, who);
  return listAlertMarks();
}
