// Alert rules, alerts and silences. Every alert change that notifies writes its outbox rows in the
// same transaction, and each change is conditional on the state it was read in, so two instances
// evaluating at once make it (and send it) once.
import type { Prisma } from "./generated/sqlite/client";
import { db, type Tx } from "./client";
import { recordAudit, type Actor } from "./audit";
import { conflict, notFound } from "@/lib/errors";
import { isUniqueViolation } from "./prisma-errors";

export const ruleSelect = {
  id: true,
  name: true,
  kind: true,
  enabled: true,
  severity: true,
  params: true,
  forSeconds: true,
  repeatSeconds: true,
  channelIds: true,
  createdAt: true,
  updatedAt: true,
} as const;
export type RuleRow = Prisma.AlertRuleGetPayload<{ select: typeof ruleSelect }>;

export interface RuleData {
  name: string;
  kind: string;
  enabled: boolean;
  severity: string;
  params: string;
  forSeconds: number;
  repeatSeconds: number;
  channelIds: string;
}

export async function listAlertRules(options: { enabledOnly?: boolean } = {}): Promise<RuleRow[]> {
  return db().alertRule.findMany({
    where: options.enabledOnly ? { enabled: true } : {},
    select: ruleSelect,
    orderBy: { name: "asc" },
  });
}

export async function getAlertRule(id: string): Promise<RuleRow | null> {
  return db().alertRule.findUnique({ where: { id }, select: ruleSelect });
}

export async function createAlertRule(data: RuleData, who: Actor): Promise<RuleRow> {
  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.alertRule.create({ data, select: ruleSelect });
      await recordAudit(tx, who, {
        action: "alert-rule.create",
        target: data.name,
        outcome: "success",
        detail: { kind: data.kind, severity: data.severity },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A rule named ${data.name} already exists.`);
    throw error;
  }
}

export async function updateAlertRule(id: string, data: RuleData, who: Actor): Promise<RuleRow> {
  try {
    return await db().$transaction(async (tx) => {
      const before = await tx.alertRule.findUnique({ where: { id }, select: ruleSelect });
      if (!before) throw notFound("The alert rule");
      const row = await tx.alertRule.update({ where: { id }, data, select: ruleSelect });
      const changed = (Object.keys(data) as (keyof RuleData)[]).filter((k) => before[k] !== data[k]);
      await recordAudit(tx, who, {
        action: "alert-rule.update",
        target: data.name,
        outcome: "success",
        detail: { changed },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A rule named ${data.name} already exists.`);
    throw error;
  }
}

export async function deleteAlertRule(id: string, who: Actor): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.alertRule.findUnique({ where: { id }, select: { name: true } });
    if (!before) throw notFound("The alert rule");
    await tx.alertRule.delete({ where: { id } });
    await recordAudit(tx, who, { action: "alert-rule.delete", target: before.name, outcome: "success" });
  });
}

const DEFAULTS_SETTING = "alerts.defaultRulesCreated";

/**
 * The defaults, once per installation: a Setting row remembers it, so an admin who deletes them
 * does not get them back; an installation that already has rules keeps its own. Another instance
 * racing fails on the unique key and creates nothing.
 */
export async function createRulesIfNone(rules: RuleData[]): Promise<number> {
  if (await db().setting.findUnique({ where: { key: DEFAULTS_SETTING }, select: { key: true } })) return 0;
  const fresh = (await db().alertRule.count()) === 0;
  try {
    await db().$transaction(async (tx) => {
      await tx.setting.create({
        data: { key: DEFAULTS_SETTING, value: JSON.stringify({ rules: fresh ? rules.length : 0 }) },
      });
      if (!fresh) return;
      for (const data of rules) await tx.alertRule.create({ data });
      await recordAudit(
        tx,
        { actor: "linewatch" },
        { action: "alert-rule.defaults", target: "alert rules", outcome: "success", detail: { rules: rules.length } },
      );
    });
    return fresh ? rules.length : 0;
  } catch (error) {
    if (isUniqueViolation(error)) return 0;
    throw error;
  }
}

// ---- alerts ----

export const alertSelect = {
  id: true,
  ruleId: true,
  subject: true,
  state: true,
  severity: true,
  site: true,
  summary: true,
  detail: true,
  startedAt: true,
  firedAt: true,
  resolvedAt: true,
  lastNotifiedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: true,
  ackNote: true,
  silenceId: true,
} as const;
export type AlertRow = Prisma.AlertGetPayload<{ select: typeof alertSelect }>;

/** Pending and firing alerts of one rule. */
export async function unresolvedAlerts(ruleId: string): Promise<AlertRow[]> {
  return db().alert.findMany({ where: { ruleId, state: { in: ["pending", "firing"] } }, select: alertSelect });
}

export interface NewAlert {
  ruleId: string;
  subject: string;
  severity: string;
  site: string;
  summary: string;
  detail: string;
  startedAt: Date;
}

/** A pending alert, or null when another instance opened the same one first. */
export async function insertPendingAlert(data: NewAlert): Promise<AlertRow | null> {
  try {
    return await db().alert.create({
      data: { ...data, state: "pending", openKey: `${data.ruleId}|${data.subject}` },
      select: alertSelect,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function dropPendingAlert(id: string): Promise<void> {
  await db().alert.deleteMany({ where: { id, state: "pending" } });
}

export async function updateAlertText(id: string, summary: string, detail: string): Promise<void> {
  await db().alert.updateMany({ where: { id, state: { in: ["pending", "firing"] } }, data: { summary, detail } });
}

export interface AlertChange {
  id: string;
  /** The state the change was decided on: the write happens only if the row is still in it. */
  from: "pending" | "firing";
  /** And, for a repeat, the last notification time it was decided on. */
  lastNotifiedAt?: Date | null;
  data: Prisma.AlertUpdateManyMutationInput;
}

export interface NotificationDraft {
  channelId: string;
  alertId: string | null;
  event: string;
  payload: string;
  nextAttemptAt: Date;
  createdAt: Date;
}

/**
 * Applies alert changes and writes the notifications for those that applied, in one transaction.
 * `notify` sees only the changes that applied (a change another instance made first is skipped).
 */
export async function applyAlertChanges(
  changes: AlertChange[],
  notify: (applied: AlertChange[]) => NotificationDraft[],
): Promise<AlertChange[]> {
  if (changes.length === 0) return [];
  return db().$transaction(async (tx) => {
    const applied: AlertChange[] = [];
    for (const change of changes) {
      const where: Prisma.AlertWhereInput = {
        id: change.id,
        state: change.from,
        ...(change.lastNotifiedAt !== undefined ? { lastNotifiedAt: change.lastNotifiedAt } : {}),
      };
      const done = await tx.alert.updateMany({ where, data: change.data });
      if (done.count === 1) applied.push(change);
    }
    const drafts = applied.length > 0 ? notify(applied) : [];
    if (drafts.length > 0) await tx.notification.createMany({ data: drafts });
    return applied;
  });
}

export interface AlertListQuery {
  state: "open" | "resolved" | "all";
  page: number;
  pageSize: number;
  site?: string;
}

const listSelect = { ...alertSelect, rule: { select: { name: true, kind: true } } } as const;
export type AlertListRow = Prisma.AlertGetPayload<{ select: typeof listSelect }>;

/** Open (firing) alerts first, newest first; pending ones are not shown as alerts yet. */
export async function listAlerts(query: AlertListQuery): Promise<{ items: AlertListRow[]; total: number }> {
  const state =
    query.state === "open"
      ? { state: "firing" }
      : query.state === "resolved"
        ? { state: "resolved", firedAt: { not: null } }
        : { state: { in: ["firing", "resolved"] }, firedAt: { not: null } };
  const where: Prisma.AlertWhereInput = { ...state, ...(query.site ? { site: query.site } : {}) };
  const [items, total] = await Promise.all([
    db().alert.findMany({
      where,
      select: listSelect,
      orderBy: [{ state: "asc" }, { firedAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().alert.count({ where }),
  ]);
  return { items, total };
}

export async function getAlert(id: string): Promise<AlertListRow | null> {
  return db().alert.findUnique({ where: { id }, select: listSelect });
}

export async function acknowledgeAlert(id: string, input: { note: string; at: Date }, who: Actor): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.alert.findUnique({
      where: { id },
      select: { subject: true, state: true, acknowledgedAt: true },
    });
    if (!row) throw notFound("The alert");
    if (row.state !== "firing") throw conflict("Only a firing alert can be acknowledged.");
    await tx.alert.update({
      where: { id },
      data: { acknowledgedAt: input.at, acknowledgedBy: who.actor, ackNote: input.note },
    });
    await recordAudit(tx, who, {
      action: "alert.acknowledge",
      target: row.subject,
      outcome: "success",
      detail: { alertId: id, note: input.note },
    });
  });
}

/** Firing alerts per rule and severity, for /metrics. */
export async function alertCounts(): Promise<{ rule: string; severity: string; state: string; count: number }[]> {
  const groups = await db().alert.groupBy({
    by: ["ruleId", "severity", "state"],
    where: { state: "firing" },
    _count: { _all: true },
  });
  const rules = new Map(
    (await db().alertRule.findMany({ select: { id: true, name: true } })).map((r) => [r.id, r.name]),
  );
  return groups.map((g) => ({
    rule: rules.get(g.ruleId) ?? g.ruleId,
    severity: g.severity,
    state: g.state,
    count: g._count._all,
  }));
}

// ---- silences ----

export const silenceSelect = {
  id: true,
  ruleId: true,
  site: true,
  subject: true,
  startsAt: true,
  endsAt: true,
  reason: true,
  createdBy: true,
  createdAt: true,
  cancelledAt: true,
} as const;
export type SilenceRow = Prisma.SilenceGetPayload<{ select: typeof silenceSelect }>;

export async function activeSilences(at: Date): Promise<SilenceRow[]> {
  return db().silence.findMany({
    where: { startsAt: { lte: at }, endsAt: { gt: at }, cancelledAt: null },
    select: silenceSelect,
  });
}

/** Silences that have not ended (active or to come), and those that ended since `since`. */
export async function listSilences(since: Date): Promise<SilenceRow[]> {
  return db().silence.findMany({
    where: { endsAt: { gte: since } },
    select: silenceSelect,
    orderBy: { startsAt: "desc" },
    take: 200,
  });
}

export async function createSilence(
  data: {
    ruleId: string | null;
    site: string | null;
    subject: string | null;
    startsAt: Date;
    endsAt: Date;
    reason: string;
  },
  who: Actor,
): Promise<SilenceRow> {
  return db().$transaction(async (tx) => {
    const row = await tx.silence.create({ data: { ...data, createdBy: who.actor }, select: silenceSelect });
    await recordAudit(tx, who, {
      action: "silence.create",
      target: data.site ?? data.subject ?? data.ruleId ?? "everything",
      outcome: "success",
      detail: {
        silenceId: row.id,
        ruleId: data.ruleId,
        site: data.site,
        subject: data.subject,
        startsAt: data.startsAt.toISOString(),
        endsAt: data.endsAt.toISOString(),
        reason: data.reason,
      },
    });
    return row;
  });
}

export async function endSilence(id: string, at: Date, who: Actor): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.silence.findUnique({ where: { id }, select: { site: true, subject: true, ruleId: true } });
    if (!row) throw notFound("The silence");
    await tx.silence.update({ where: { id }, data: { cancelledAt: at } });
    await recordAudit(tx, who, {
      action: "silence.cancel",
      target: row.site ?? row.subject ?? row.ruleId ?? "everything",
      outcome: "success",
      detail: { silenceId: id },
    });
  });
}

// ---- device marks ----

export async function listAlertMarks(): Promise<
  { kind: string; name: string; critical: boolean; notAlerting: boolean }[]
> {
  return db().alertMark.findMany({
    select: { kind: true, name: true, critical: true, notAlerting: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
}

export async function setAlertMark(
  input: { kind: "device" | "model"; name: string; critical: boolean; notAlerting: boolean },
  who: Actor,
): Promise<void> {
  await db().$transaction(async (tx) => {
    if (!input.critical && !input.notAlerting)
      await tx.alertMark.deleteMany({ where: { kind: input.kind, name: input.name } });
    else
      await tx.alertMark.upsert({
        where: { kind_name: { kind: input.kind, name: input.name } },
        create: input,
        update: { critical: input.critical, notAlerting: input.notAlerting },
      });
    await recordAudit(tx, who, {
      action: "alert-mark.set",
      target: `${input.kind}:${input.name}`,
      outcome: "success",
      detail: { critical: input.critical, notAlerting: input.notAlerting },
    });
  });
}

// ---- registration samples ----

export async function addSamples(
  at: Date,
  samples: { scope: string; registered: number; total: number }[],
): Promise<void> {
  if (samples.length > 0)
    await db().alertSample.createMany({
      data: samples.map((s) => ({ scope: s.scope, registered: s.registered, total: s.total, at })),
    });
}

export async function lastSampleAt(): Promise<Date | null> {
  return (await db().alertSample.aggregate({ _max: { at: true } }))._max.at ?? null;
}

export async function samplesSince(
  since: Date,
): Promise<{ scope: string; at: Date; registered: number; total: number }[]> {
  return db().alertSample.findMany({
    where: { at: { gte: since } },
    select: { scope: true, at: true, registered: true, total: true },
    orderBy: { at: "asc" },
  });
}

export async function pruneSamples(before: Date): Promise<void> {
  await db().alertSample.deleteMany({ where: { at: { lt: before } } });
}

export type { Tx };
