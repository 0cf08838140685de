// Alerts as the API and pages use them: the alert list, acknowledge, silences, rules and channels
// (secrets sealed and write-only; delivery hosts checked like sources), and "send test".
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/db/audit";
import { acknowledgeAlert, cancelSilence, createRule, createSilence, deleteRule, getAlert, getRule, listAlerts, listMarks, listRules, listSilences, setMark, updateRule, type AlertListRow, type RuleRow, type SilenceRow } from "@/lib/db/alerts";
import { createChannel, deleteChannel, enqueueTest, getChannel, listChannels, updateChannel, type ChannelRow } from "@/lib/db/alerts-outbox";
import { AppError, notFound } from "@/lib/errors";
import { channelHost, splitChannelInput, type ChannelInput, type ChannelKind } from "@/lib/domain/alert-channels";
import { earlyRefusal } from "./channels/target";
import { payloadOf } from "./evaluate";
import { parseRuleParams, type RuleInput, type RuleKind } from "@/lib/domain/alert-rules";

const minutes = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

export function toAlert(row: AlertListRow, now: Date) {
  return {
    id: row.id, rule: { id: row.ruleId, name: row.rule.name, kind: row.rule.kind }, subject: row.subject, state: row.state as "firing" | "resolved",
    severity: row.severity, site: row.site, summary: row.summary, detail: JSON.parse(row.detail) as Record<string, unknown>,
    startedAt: row.startedAt.toISOString(), firedAt: row.firedAt?.toISOString() ?? null, resolvedAt: row.resolvedAt?.toISOString() ?? null,
    durationMinutes: minutes(row.startedAt, row.resolvedAt ?? now),
    acknowledged: row.acknowledgedAt ? { at: row.acknowledgedAt.toISOString(), by: row.acknowledgedBy ?? "", note: row.ackNote ?? "" } : null,
    silenced: row.silenceId !== null,
  };
}

export async function alertList(query: { state: "open" | "resolved" | "all"; page: number; pageSize: number; site?: string }, now = new Date()) {
  const { items, total } = await listAlerts(query);
  return { items: items.map((row) => toAlert(row, now)), total };
}

export async function acknowledge(id: string, note: string, who: Actor, at = new Date()) {
  await acknowledgeAlert(id, { note, at }, who);
  const row = await getAlert(id);
  if (!row) throw notFound("The alert");
  return toAlert(row, at);
}

// ---- silences ----

export function toSilence(row: SilenceRow, now: Date) {
  const active = !row.cancelledAt && row.startsAt <= now && row.endsAt > now;
  return {
    id: row.id, ruleId: row.ruleId, site: row.site, subject: row.subject, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(),
    reason: row.reason, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), cancelledAt: row.cancelledAt?.toISOString() ?? null, active,
  };
}

export async function silenceList(now = new Date()) {
  return { items: (await listSilences(new Date(now.getTime() - 7 * 86_400_000))).map((r) => toSilence(r, now)) };
}

export async function addSilence(input: { ruleId?: string; site?: string; subject?: string; startsAt?: string; endsAt: string; reason: string }, who: Actor, now = new Date()) {
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > startsAt)) throw new AppError("validation_failed", "The silence must end after it starts.");
  if (input.ruleId && !(await getRule(input.ruleId))) throw notFound("The alert rule");
  const row = await createSilence({ ruleId: input.ruleId ?? null, site: input.site ?? null, subject: input.subject ?? null, startsAt, endsAt, reason: input.reason }, who);
  return toSilence(row, now);
}

export async function endSilence(id: string, who: Actor, now = new Date()): Promise<void> {
  await cancelSilence(id, now, who);
}

// ---- rules ----

export function toRule(row: RuleRow) {
  return {
    id: row.id, name: row.name, kind: row.kind as RuleKind, enabled: row.enabled, severity: row.severity as "critical" | "warning" | "info",
    params: JSON.parse(row.params) as Record<string, unknown>, forSeconds: row.forSeconds, repeatSeconds: row.repeatSeconds,
    channelIds: JSON.parse(row.channelIds) as string[], updatedAt: row.updatedAt.toISOString(),
  };
}

function ruleData(input: RuleInput) {
  parseRuleParams(input.kind, input.params); // defaults and ranges checked by the contract already; this throws on anything else
  return { ...input, params: JSON.stringify(input.params), channelIds: JSON.stringify(input.channelIds) };
}

export async function ruleList() {
  return { items: (await listRules()).map(toRule) };
}
export async function addRule(input: RuleInput, who: Actor) {
  return toRule(await createRule(ruleData(input), who));
}
export async function changeRule(id: string, input: RuleInput, who: Actor) {
  return toRule(await updateRule(id, ruleData(input), who));
}
export async function removeRule(id: string, who: Actor): Promise<void> {
  await deleteRule(id, who);
}

// ---- channels ----

export function toChannel(row: ChannelRow) {
  const config = JSON.parse(row.config) as Record<string, unknown>;
  return {
    id: row.id, name: row.name, kind: row.kind as ChannelKind, enabled: row.enabled, config, hasSecrets: row.hasSecrets,
    health: {
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null, lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
      lastError: row.lastError, consecutiveFailures: row.consecutiveFailures, pending: row.pending,
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

export async function channelList() {
  return { items: (await listChannels()).map(toChannel) };
}

export async function addChannel(input: ChannelInput, who: Actor) {
  if ((input.kind === "webhook" || input.kind === "slack" || input.kind === "teams") && !input.url) throw new AppError("validation_failed", "Invalid body.url: a webhook channel needs its URL.");
  const { config, secrets } = checkTarget(input);
  const id = randomUUID();
  await createChannel({ id, name: input.name, kind: input.kind, enabled: input.enabled, config, secrets }, who);
  return toChannel((await getChannel(id))!);
}

export async function changeChannel(id: string, input: ChannelInput, who: Actor) {
  const before = await getChannel(id);
  if (!before) throw notFound("The channel");
  if (before.kind !== input.kind) throw new AppError("validation_failed", "A channel's kind cannot change; add a new channel.");
  const { config, secrets } = checkTarget(input);
  await updateChannel(id, { name: input.name, enabled: input.enabled, config, secrets }, who);
  return toChannel((await getChannel(id))!);
}

export async function removeChannel(id: string, who: Actor): Promise<void> {
  await deleteChannel(id, who);
}

/** Queues a test message; the worker sends it like any other, and the channel's health shows the outcome. */
export async function sendTest(id: string, who: Actor, now = new Date()) {
  const payload = payloadOf({ id: "test", name: "Test message", kind: "test", severity: "info" }, "test", [{
    id: "test", ruleId: "test", subject: "fleet", state: "firing", severity: "info", site: "", summary: `A test message from Linewatch, sent by ${who.actor}.`,
    detail: "{}", startedAt: now, firedAt: now, resolvedAt: null, lastNotifiedAt: null, acknowledgedAt: null, acknowledgedBy: null, ackNote: null, silenceId: null,
  }], now);
  const notificationId = await enqueueTest(id, JSON.stringify(payload), now, who);
  return { notificationId };
}

// ---- device marks ----

export async function markList() {
  return { items: (await listMarks()).map((m) => ({ ...m, kind: m.kind as "device" | "model" })) };
}

export async function mark(input: { kind: "device" | "model"; name: string; critical: boolean; notAlerting: boolean }, who: Actor) {
  await setMark({ ...input, name: input.kind === "device" ? input.name.toUpperCase() : input.name }, who);
  return markList();
}
