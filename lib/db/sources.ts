// Sources: the routers and clusters Linewatch polls. The sealed password never leaves this
// module; `sourceConnection` and `getSealedSource` open it only for the pollers and Cisco clients.
import { randomUUID } from "node:crypto";
import { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";
import { deleteSourcesIn, removeDemoSourcesIn } from "./source-removal";
import { isUniqueViolation } from "./prisma-errors";
import { rawQuery } from "./raw-run";
import { columnList } from "./raw-sql";
import { conflict, notFound } from "@/lib/errors";
import { open as unseal, seal } from "@/lib/secrets/source-passwords";
import {
  DOCUMENTED_PER_MINUTE,
  clusterDefaults,
  connectionFields,
  defaultPollIntervalS,
  sourceCreateSchema,
  sourceRuleIssues,
  sourceUpdateSchema,
  type SourceInput,
  type SourceKind,
  type SourceRecord,
  type SourceUpdate,
  type TlsSetting,
} from "@/lib/domain/source";
import { parseJsonArray } from "@/lib/domain/json";
import { axlUrlOf } from "@/lib/domain/source-urls";
import { describeHealth, type HealthView } from "@/lib/domain/health";
import { fromRuleIssues, parseOrThrow, validationFailed } from "@/lib/domain/validation";

const sourceSelect = {
  id: true,
  name: true,
  kind: true,
  site: true,
  urls: true,
  username: true,
  tlsMode: true,
  tlsCaPem: true,
  pollIntervalS: true,
  timeoutMs: true,
  budgetPerMinute: true,
  budgetReserve: true,
  replyCap: true,
  replyCapChecked: true,
  budgetRaised: true,
  selectItemsPerRequest: true,
  axlEnabled: true,
  axlUsername: true,
  configuredIntervalS: true,
  enabled: true,
  demo: true,
  settingsVersion: true,
  createdAt: true,
  updatedAt: true,
} as const;

const sealedSourceColumns = columnList([...Object.keys(sourceSelect), "passwordCipher", "axlPasswordCipher"]);

const healthSelect = {
  status: true,
  lastAttemptAt: true,
  lastSuccessAt: true,
  consecutiveFailures: true,
  lastError: true,
  nextPollAt: true,
  configuredReadAt: true,
  configuredCount: true,
  configuredError: true,
  configuredRequestedAt: true,
} as const;
/** The latest poll that read something (failed polls record no completeness). */
const lastReadSelect = {
  where: { complete: { not: null } },
  orderBy: { startedAt: "desc" },
  take: 1,
  select: { startedAt: true, complete: true, incompleteReason: true },
} as const;

type SourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;

export type { SourceRecord };

/** A cluster's RisPort budget right now: requests granted in the last minute, and any pause. */
export interface BudgetUse {
  /** Requests Linewatch may send a minute (budget minus reserve). */
  limit: number;
  used: number;
  pausedUntil: Date | null;
}

/** Whether the latest poll that read the source read every device, and why not. */
export interface Completeness {
  at: Date;
  complete: boolean;
  reason: string | null;
}

/** A cluster's configured inventory (AXL): the last full read, its size, the last read's error. */
export interface ConfiguredView {
  readAt: Date | null;
  count: number | null;
  error: string | null;
  /** An admin asked for a read that has not happened yet. */
  requested: boolean;
}

type ConfiguredHealth = {
  configuredReadAt: Date | null;
  configuredCount: number | null;
  configuredError: string | null;
  configuredRequestedAt: Date | null;
} | null;

function configuredOf(record: SourceRecord, health: ConfiguredHealth): ConfiguredView | null {
  if (record.kind !== "cucm" || !record.axlEnabled) return null;
  const requested =
    health?.configuredRequestedAt != null &&
    (health.configuredReadAt === null || health.configuredRequestedAt > health.configuredReadAt);
  return {
    readAt: health?.configuredReadAt ?? null,
    count: health?.configuredCount ?? null,
    error: health?.configuredError ?? null,
    requested,
  };
}

export interface SourceWithHealth extends SourceRecord {
  health: HealthView;
  configured: ConfiguredView | null;
  completeness: Completeness | null;
  budget: BudgetUse | null;
}

export function toSourceRecord(row: SourceRow): SourceRecord {
  const tls: TlsSetting =
    row.tlsMode === "pem" && row.tlsCaPem
      ? { mode: "pem", pem: row.tlsCaPem }
      : row.tlsMode === "insecure"
        ? { mode: "insecure" }
        : { mode: "system" };
  const { tlsMode: _m, tlsCaPem: _p, ...rest } = row;
  return {
    ...rest,
    kind: row.kind as SourceKind,
    urls: parseJsonArray(row.urls).filter((u): u is string => typeof u === "string"),
    tls,
  };
}

/** Where and as whom a cluster's AXL service is asked, password opened. */
export interface AxlConnection {
  /** The publisher: the first node listed, at /axl/. */
  url: string;
  username: string;
  password: string;
}

/** What a poller or client needs to talk to the source, password opened. */
export interface SourceConnection extends SourceRecord {
  password: string;
  budgetPerMinute: number | null;
  /** Clusters with AXL enabled; null otherwise. */
  axl: AxlConnection | null;
}

/** The AXL password is sealed for its own purpose, so it cannot be swapped with the RisPort one. */
const axlBinding = (sourceId: string) => `axl:${sourceId}`;

/**
 * Adds a source. The first real (non-demo) source removes every demo source and its data in the
 * same transaction, so the dashboard never mixes simulated and real phones.
 */
export async function createSource(
  input: SourceInput,
  who: Actor,
  options: { demo?: boolean } = {},
): Promise<SourceRecord> {
  const valid = parseOrThrow(sourceCreateSchema, input);
  const demo = options.demo ?? false;
  const id = randomUUID();
  const isCluster = valid.kind === "cucm";
  try {
    const row = await db().$transaction(async (tx) => {
      if (!demo) await removeDemoSourcesIn(tx, who, `real source ${valid.name} added`);
      if (await tx.source.findUnique({ where: { name: valid.name }, select: { id: true } }))
        throw conflict(`A source named ${valid.name} already exists.`);
      const created = await tx.source.create({
        data: {
          id,
          name: valid.name,
          kind: valid.kind,
          site: valid.site,
          urls: JSON.stringify(valid.urls),
          username: valid.username,
          passwordCipher: seal(valid.password, id),
          tlsMode: valid.tls.mode,
          tlsCaPem: valid.tls.mode === "pem" ? valid.tls.pem : null,
          pollIntervalS: valid.pollIntervalS ?? defaultPollIntervalS[valid.kind],
          timeoutMs: valid.timeoutMs,
          budgetPerMinute: isCluster ? (valid.budgetPerMinute ?? clusterDefaults.budgetPerMinute) : null,
          budgetReserve: isCluster ? (valid.budgetReserve ?? clusterDefaults.budgetReserve) : null,
          replyCap: isCluster ? (valid.replyCap ?? clusterDefaults.replyCap) : null,
          replyCapChecked: isCluster ? valid.replyCapChecked : false,
          budgetRaised: isCluster ? valid.budgetRaised : false,
          selectItemsPerRequest: isCluster
            ? (valid.selectItemsPerRequest ?? clusterDefaults.selectItemsPerRequest)
            : null,
          axlEnabled: isCluster && valid.axlEnabled,
          axlUsername: isCluster && valid.axlUsername ? valid.axlUsername : null,
          axlPasswordCipher:
            isCluster && valid.axlUsername && valid.axlPassword ? seal(valid.axlPassword, axlBinding(id)) : null,
          configuredIntervalS: isCluster ? (valid.configuredIntervalS ?? null) : null,
          enabled: valid.enabled,
          demo,
          health: { create: {} },
        },
        select: sourceSelect,
      });
      await recordAudit(tx, who, {
        action: "source.create",
        target: valid.name,
        detail: {
          kind: valid.kind,
          site: valid.site,
          urls: valid.urls,
          tls: valid.tls.mode,
          ...(isCluster ? { axl: valid.axlEnabled, axlOwnUser: Boolean(valid.axlUsername) } : {}),
          enabled: valid.enabled,
          demo,
        },
        outcome: "success",
      });
      return created;
    });
    return toSourceRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A source named ${valid.name} already exists.`);
    throw error;
  }
}

export async function listSources(filter: { enabled?: boolean; demo?: boolean } = {}): Promise<SourceRecord[]> {
  const rows = await db().source.findMany({ where: filter, select: sourceSelect, orderBy: { name: "asc" } });
  return rows.map(toSourceRecord);
}

const BUDGET_WINDOW_MS = 60_000;

async function budgetUse(sources: SourceRecord[], now: number): Promise<Map<string, BudgetUse>> {
  const clusters = sources.filter((s) => s.kind === "cucm");
  const out = new Map<string, BudgetUse>();
  if (clusters.length === 0) return out;
  const ids = clusters.map((c) => c.id);
  const [counts, budgets] = await Promise.all([
    db().risportRequest.groupBy({
      by: ["clusterId"],
      where: { clusterId: { in: ids }, at: { gt: new Date(now - BUDGET_WINDOW_MS) } },
      _count: { _all: true },
    }),
    db().risportBudget.findMany({ where: { clusterId: { in: ids } }, select: { clusterId: true, pausedUntil: true } }),
  ]);
  for (const cluster of clusters) {
    // As the poller plans it: never above the documented 15 a minute unless the cluster's rate was raised.
    const perMinute = Math.min(
      cluster.budgetPerMinute ?? clusterDefaults.budgetPerMinute,
      cluster.budgetRaised ? 18 : DOCUMENTED_PER_MINUTE,
    );
    const reserve = cluster.budgetReserve ?? clusterDefaults.budgetReserve;
    const pausedUntil = budgets.find((b) => b.clusterId === cluster.id)?.pausedUntil ?? null;
    out.set(cluster.id, {
      limit: Math.max(1, perMinute - reserve),
      used: counts.find((c) => c.clusterId === cluster.id)?._count._all ?? 0,
      pausedUntil: pausedUntil && pausedUntil.getTime() > now ? pausedUntil : null,
    });
  }
  return out;
}

function completenessOf(
  polls: { startedAt: Date; complete: boolean | null; incompleteReason: string | null }[],
): Completeness | null {
  const last = polls[0];
  return last && last.complete !== null
    ? { at: last.startedAt, complete: last.complete, reason: last.complete ? null : last.incompleteReason }
    : null;
}

/** Sources with their poll health and, for clusters, the RisPort budget used this minute. */
export async function listSourcesWithHealth(
  filter: { enabled?: boolean; demo?: boolean; kind?: SourceKind },
  now: number,
): Promise<SourceWithHealth[]> {
  const rows = await db().source.findMany({
    where: filter,
    select: { ...sourceSelect, health: { select: healthSelect }, polls: lastReadSelect },
    orderBy: { name: "asc" },
  });
  const records = rows.map(({ health, polls, ...row }) => ({ record: toSourceRecord(row), health, polls }));
  const budgets = await budgetUse(
    records.map((r) => r.record),
    now,
  );
  return records.map(({ record, health, polls }) => ({
    ...record,
    health: describeHealth(health, record, now),
    configured: configuredOf(record, health),
    completeness: completenessOf(polls),
    budget: budgets.get(record.id) ?? null,
  }));
}

export async function getSourceWithHealth(id: string, now: number): Promise<SourceWithHealth | null> {
  const row = await db().source.findUnique({
    where: { id },
    select: { ...sourceSelect, health: { select: healthSelect }, polls: lastReadSelect },
  });
  if (!row) return null;
  const { health, polls, ...rest } = row;
  const record = toSourceRecord(rest);
  const budgets = await budgetUse([record], now);
  return {
    ...record,
    health: describeHealth(health, record, now),
    configured: configuredOf(record, health),
    completeness: completenessOf(polls),
    budget: budgets.get(id) ?? null,
  };
}

export async function getSource(id: string): Promise<SourceRecord | null> {
  const row = await db().source.findUnique({ where: { id }, select: sourceSelect });
  return row ? toSourceRecord(row) : null;
}

export async function findSourceByName(name: string): Promise<SourceRecord | null> {
  const row = await db().source.findUnique({ where: { name }, select: sourceSelect });
  return row ? toSourceRecord(row) : null;
}

export async function sourceConnection(id: string): Promise<SourceConnection> {
  const sealed = await getSealedSource(id);
  if (!sealed) throw notFound("The source");
  return sealed.open();
}

/** A source as read with its sealed passwords: `open()` unseals them (throws SecretKeyError when the key changed). */
export interface SealedSource {
  record: SourceRecord;
  open(): SourceConnection;
}

/**
 * The source and its sealed passwords in one read, unsealed only when asked: a poll reads its
 * source once, checks its holds, and opens the passwords inside the poll, where a lost key fails
 * that poll with a reason instead of the read.
 */
export async function getSealedSource(id: string): Promise<SealedSource | null> {
  // Raw: read at the start of every poll (lib/db/raw-sql.ts says why); the same columns as the select.
  const [row] = await rawQuery<
    Prisma.SourceGetPayload<{ select: typeof sourceSelect }> & {
      passwordCipher: string;
      axlPasswordCipher: string | null;
    }
  >(db(), Prisma.sql`SELECT ${sealedSourceColumns} FROM "Source" WHERE "id" = ${id}`);
  if (!row) return null;
  const { passwordCipher, axlPasswordCipher, ...rest } = row;
  const record = toSourceRecord(rest);
  const open = (): SourceConnection => {
    const password = unseal(passwordCipher, id);
    const publisher = record.urls[0];
    const axl =
      record.kind === "cucm" && record.axlEnabled && publisher
        ? record.axlUsername && axlPasswordCipher
          ? {
              url: axlUrlOf(publisher),
              username: record.axlUsername,
              password: unseal(axlPasswordCipher, axlBinding(id)),
            }
          : { url: axlUrlOf(publisher), username: record.username, password }
        : null;
    return { ...record, password, axl };
  };
  return { record, open };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes a source. A new password is sealed again; a change to the address, user name, password
 * or TLS trust bumps settingsVersion (so an auth-failed source is tried again). The audit row
 * names the changed fields, never a secret's value.
 */
export async function updateSource(id: string, input: SourceUpdate, who: Actor): Promise<SourceRecord> {
  const change = parseOrThrow(sourceUpdateSchema, input);
  try {
    const row = await db().$transaction(async (tx) => {
      const currentRow = await tx.source.findUnique({ where: { id }, select: sourceSelect });
      if (!currentRow) throw notFound("The source");
      const current = toSourceRecord(currentRow);
      const isCluster = current.kind === "cucm";
      const next = {
        name: change.name ?? current.name,
        site: change.site ?? current.site,
        urls: change.urls ?? current.urls,
        username: change.username ?? current.username,
        tls: change.tls ?? current.tls,
        pollIntervalS: change.pollIntervalS ?? current.pollIntervalS,
        timeoutMs: change.timeoutMs ?? current.timeoutMs,
        budgetPerMinute: isCluster ? (change.budgetPerMinute ?? current.budgetPerMinute) : null,
        budgetReserve: isCluster ? (change.budgetReserve ?? current.budgetReserve) : null,
        replyCap: isCluster ? (change.replyCap ?? current.replyCap) : null,
        replyCapChecked: isCluster ? (change.replyCapChecked ?? current.replyCapChecked) : false,
        budgetRaised: isCluster ? (change.budgetRaised ?? current.budgetRaised) : false,
        selectItemsPerRequest: isCluster ? (change.selectItemsPerRequest ?? current.selectItemsPerRequest) : null,
        axlEnabled: isCluster ? (change.axlEnabled ?? current.axlEnabled) : false,
        axlUsername: isCluster ? (change.axlUsername !== undefined ? change.axlUsername : current.axlUsername) : null,
        configuredIntervalS: isCluster
          ? change.configuredIntervalS !== undefined
            ? change.configuredIntervalS
            : current.configuredIntervalS
          : null,
        enabled: change.enabled ?? current.enabled,
      };
      const storedAxl = await tx.source.findUnique({ where: { id }, select: { axlPasswordCipher: true } });
      const issues = sourceRuleIssues({
        kind: current.kind,
        ...next,
        axlEnabled: change.axlEnabled ?? current.axlEnabled,
        hasAxlPassword:
          change.axlPassword !== undefined ||
          (next.axlUsername === current.axlUsername && Boolean(storedAxl?.axlPasswordCipher)),
      });
      if (issues.length > 0) throw validationFailed(fromRuleIssues(issues));

      const changed: string[] = (Object.keys(next) as (keyof typeof next)[]).filter(
        (k) => !sameJson(next[k], current[k]),
      );
      if (change.password !== undefined) changed.push("password");
      if (change.axlPassword !== undefined) changed.push("axlPassword");
      // The sealed password belongs to the address, user and TLS trust it was typed for: sending it
      // to a new host (or over a new trust) would hand the router's credentials to whoever runs it.
      const retargeted = (["urls", "username", "tls"] as const).filter((k) => changed.includes(k));
      if (retargeted.length > 0 && change.password === undefined) {
        throw validationFailed([
          {
            path: "password",
            message: `enter the password again to change the ${retargeted.map((k) => (k === "urls" ? "address" : k === "username" ? "user name" : "TLS mode")).join(", ")}`,
          },
        ]);
      }
      // The same for AXL's own password: the publisher is the first address.
      const axlRetargeted = (["urls", "tls"] as const).filter((k) => changed.includes(k));
      if (
        axlRetargeted.length > 0 &&
        next.axlUsername &&
        next.axlUsername === current.axlUsername &&
        storedAxl?.axlPasswordCipher &&
        change.axlPassword === undefined
      ) {
        throw validationFailed([
          { path: "axlPassword", message: "enter the AXL password again to change the address or TLS mode" },
        ]);
      }
      if (changed.length === 0) return currentRow;
      const reconnect = changed.some((k) => (connectionFields as readonly string[]).includes(k));
      if (
        changed.includes("name") &&
        (await tx.source.findFirst({ where: { name: next.name, id: { not: id } }, select: { id: true } }))
      ) {
        throw conflict(`A source named ${next.name} already exists.`);
      }
      const updated = await tx.source.update({
        where: { id },
        data: {
          name: next.name,
          site: next.site,
          urls: JSON.stringify(next.urls),
          username: next.username,
          tlsMode: next.tls.mode,
          tlsCaPem: next.tls.mode === "pem" ? next.tls.pem : null,
          pollIntervalS: next.pollIntervalS,
          timeoutMs: next.timeoutMs,
          budgetPerMinute: next.budgetPerMinute,
          budgetReserve: next.budgetReserve,
          replyCap: next.replyCap,
          replyCapChecked: next.replyCapChecked,
          budgetRaised: next.budgetRaised,
          selectItemsPerRequest: next.selectItemsPerRequest,
          axlEnabled: next.axlEnabled,
          axlUsername: next.axlUsername,
          configuredIntervalS: next.configuredIntervalS,
          enabled: next.enabled,
          ...(change.password !== undefined ? { passwordCipher: seal(change.password, id) } : {}),
          ...(!next.axlUsername
            ? { axlPasswordCipher: null }
            : change.axlPassword !== undefined
              ? { axlPasswordCipher: seal(change.axlPassword, axlBinding(id)) }
              : {}),
          ...(reconnect ? { settingsVersion: { increment: 1 } } : {}),
        },
        select: sourceSelect,
      });
      // New AXL settings are tried at the next poll, not in up to 6 hours.
      if (
        changed.some((k) => ["axlEnabled", "axlUsername", "axlPassword", "urls", "tls"].includes(k)) &&
        next.axlEnabled
      )
        await tx.sourceHealth.updateMany({ where: { sourceId: id }, data: { configuredRequestedAt: new Date() } });
      await recordAudit(tx, who, {
        action: "source.update",
        target: updated.name,
        detail: {
          changed,
          ...(changed.includes("name") ? { renamedFrom: current.name } : {}),
          settingsVersion: updated.settingsVersion,
        },
        outcome: "success",
      });
      return updated;
    });
    return toSourceRecord(row);
  } catch (error) {
    // Only the name is unique besides the id.
    if (isUniqueViolation(error)) throw conflict(`A source named ${change.name} already exists.`);
    throw error;
  }
}

/** Pauses or resumes polling of a source; its data stays. */
export async function setSourceEnabled(id: string, enabled: boolean, who: Actor): Promise<SourceRecord> {
  const row = await db().$transaction(async (tx) => {
    const current = await tx.source.findUnique({ where: { id }, select: { id: true } });
    if (!current) throw notFound("The source");
    const updated = await tx.source.update({ where: { id }, data: { enabled }, select: sourceSelect });
    await recordAudit(tx, who, {
      action: enabled ? "source.enable" : "source.disable",
      target: updated.name,
      detail: { kind: updated.kind },
      outcome: "success",
    });
    return updated;
  });
  return toSourceRecord(row);
}

/** Removes a source with its devices, extensions, CTI apps, history and polls. */
export async function deleteSource(id: string, who: Actor): Promise<SourceRecord> {
  const row = await db().$transaction(async (tx) => {
    const current = await tx.source.findUnique({ where: { id }, select: sourceSelect });
    if (!current) throw notFound("The source");
    await deleteSourcesIn(tx, [id]);
    await recordAudit(tx, who, {
      action: "source.delete",
      target: current.name,
      detail: { kind: current.kind, demo: current.demo },
      outcome: "success",
    });
    return current;
  });
  return toSourceRecord(row);
}

/**
 * Re-seals every stored secret in one transaction (key rotation): source passwords and alert
 * channels' secrets, each bound to its own associated data. `reseal` returns the new sealed value,
 * or null to leave a row as it is; if it throws, nothing changes.
 */
export async function resealSourcePasswords(
  reseal: (sealed: string, boundTo: string) => string | null,
  who: Actor,
  detail: Record<string, unknown>,
): Promise<{ resealed: number; unchanged: number }> {
  return db().$transaction(
    async (tx) => {
      const rows = await tx.source.findMany({
        select: { id: true, passwordCipher: true, axlPasswordCipher: true },
        orderBy: { id: "asc" },
      });
      let resealed = 0;
      let axlPasswords = 0;
      for (const row of rows) {
        const next = reseal(row.passwordCipher, row.id);
        if (next !== null) {
          await tx.source.update({ where: { id: row.id }, data: { passwordCipher: next } });
          resealed++;
        }
        // A cluster's own AXL password is sealed with the same key (bound to "axl:<id>").
        if (row.axlPasswordCipher) {
          axlPasswords++;
          const axl = reseal(row.axlPasswordCipher, axlBinding(row.id));
          if (axl === null) continue;
          await tx.source.update({ where: { id: row.id }, data: { axlPasswordCipher: axl } });
          resealed++;
        }
      }
      // Alert channels seal their secrets with the same key (lib/db/alerts-outbox.ts binds them to "alert-channel:<id>").
      const channels = (
        await tx.notificationChannel.findMany({ select: { id: true, secretCipher: true }, orderBy: { id: "asc" } })
      ).filter((c) => c.secretCipher !== "");
      for (const channel of channels) {
        const next = reseal(channel.secretCipher, `alert-channel:${channel.id}`);
        if (next === null) continue;
        await tx.notificationChannel.update({ where: { id: channel.id }, data: { secretCipher: next } });
        resealed++;
      }
      const total = rows.length + axlPasswords + channels.length;
      await recordAudit(tx, who, {
        action: "secret.rotate",
        target: "source passwords and alert channel secrets",
        detail: { ...detail, resealed, unchanged: total - resealed },
        outcome: "success",
      });
      return { resealed, unchanged: total - resealed };
    },
    { timeout: 120_000 },
  );
}

/** Every source's name by id (a handful of rows): what "in fallback on <router>" names. */
export async function sourceNames(): Promise<Map<string, string>> {
  const rows = await db().source.findMany({ select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
