// Notification channels (secrets sealed, opened only here for delivery) and the outbox: claimed
// under a lease so one instance sends each notification, retried with backoff until it goes out.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";
import { conflict, notFound } from "@/lib/errors";
import { open, seal } from "@/lib/secrets/source-passwords";
import { parseJsonObject } from "@/lib/domain/json";
import { isUniqueViolation } from "./prisma-errors";

export const channelSelect = {
  id: true,
  name: true,
  kind: true,
  enabled: true,
  config: true,
  lastAttemptAt: true,
  lastSuccessAt: true,
  lastError: true,
  consecutiveFailures: true,
  createdAt: true,
  updatedAt: true,
} as const;
export type ChannelRow = Prisma.NotificationChannelGetPayload<{ select: typeof channelSelect }> & {
  hasSecrets: boolean;
  pending: number;
};

/** Sealed with the channel's id bound in, like a source's password. */
const sealFor = (id: string, secrets: Record<string, string>) =>
  Object.keys(secrets).length > 0 ? seal(JSON.stringify(secrets), `alert-channel:${id}`) : "";
const openFor = (id: string, cipher: string): Record<string, string> =>
  cipher ? (parseJsonObject(open(cipher, `alert-channel:${id}`)) as Record<string, string>) : {};

export async function listAlertChannels(): Promise<ChannelRow[]> {
  const rows = await db().notificationChannel.findMany({
    select: { ...channelSelect, secretCipher: true },
    orderBy: { name: "asc" },
  });
  const pending = await db().notification.groupBy({
    by: ["channelId"],
    where: { status: "pending" },
    _count: { _all: true },
  });
  const counts = new Map(pending.map((p) => [p.channelId, p._count._all]));
  return rows.map(({ secretCipher, ...row }) => ({
    ...row,
    hasSecrets: secretCipher !== "",
    pending: counts.get(row.id) ?? 0,
  }));
}

export async function getAlertChannel(id: string): Promise<ChannelRow | null> {
  return (await listAlertChannels()).find((c) => c.id === id) ?? null;
}

export async function enabledChannelIds(): Promise<string[]> {
  return (await db().notificationChannel.findMany({ where: { enabled: true }, select: { id: true } })).map((c) => c.id);
}

export async function createAlertChannel(
  input: {
    id: string;
    name: string;
    kind: string;
    enabled: boolean;
    config: Record<string, unknown>;
    secrets: Record<string, string>;
  },
  who: Actor,
): Promise<void> {
  try {
    await db().$transaction(async (tx) => {
      await tx.notificationChannel.create({
        data: {
          id: input.id,
          name: input.name,
          kind: input.kind,
          enabled: input.enabled,
          config: JSON.stringify(input.config),
          secretCipher: sealFor(input.id, input.secrets),
        },
      });
      await recordAudit(tx, who, {
        action: "alert-channel.create",
        target: input.name,
        outcome: "success",
        detail: { kind: input.kind, config: input.config, secrets: Object.keys(input.secrets) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A channel named ${input.name} already exists.`);
    throw error;
  }
}

/** Secrets not given keep their stored value (they are write-only). */
export async function updateAlertChannel(
  id: string,
  input: { name: string; enabled: boolean; config: Record<string, unknown>; secrets: Record<string, string> },
  who: Actor,
): Promise<void> {
  try {
    await db().$transaction(async (tx) => {
      const before = await tx.notificationChannel.findUnique({
        where: { id },
        select: { name: true, kind: true, secretCipher: true, config: true },
      });
      if (!before) throw notFound("The channel");
      const kept = { ...openFor(id, before.secretCipher), ...input.secrets };
      const config =
        Object.keys(input.config).length > 0 || before.kind === "email" || before.kind === "syslog"
          ? input.config
          : parseJsonObject(before.config);
      await tx.notificationChannel.update({
        where: { id },
        data: {
          name: input.name,
          enabled: input.enabled,
          config: JSON.stringify(config),
          secretCipher: sealFor(id, kept),
          consecutiveFailures: 0,
          lastError: null,
        },
      });
      await recordAudit(tx, who, {
        action: "alert-channel.update",
        target: input.name,
        outcome: "success",
        detail: { kind: before.kind, config, secretsChanged: Object.keys(input.secrets) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A channel named ${input.name} already exists.`);
    throw error;
  }
}

export async function deleteAlertChannel(id: string, who: Actor): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.notificationChannel.findUnique({ where: { id }, select: { name: true } });
    if (!before) throw notFound("The channel");
    await tx.notificationChannel.delete({ where: { id } });
    await recordAudit(tx, who, { action: "alert-channel.delete", target: before.name, outcome: "success" });
  });
}

/** The channel with its secrets opened: for delivery only. */
export async function channelForDelivery(id: string): Promise<{
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
} | null> {
  const row = await db().notificationChannel.findUnique({
    where: { id },
    select: { id: true, name: true, kind: true, enabled: true, config: true, secretCipher: true },
  });
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    config: parseJsonObject(row.config),
    secrets: openFor(row.id, row.secretCipher),
  };
}

export async function recordChannelResult(id: string, result: { at: Date; error: string | null }): Promise<void> {
  await db().notificationChannel.updateMany({
    where: { id },
    data:
      result.error === null
        ? { lastAttemptAt: result.at, lastSuccessAt: result.at, lastError: null, consecutiveFailures: 0 }
        : { lastAttemptAt: result.at, lastError: result.error, consecutiveFailures: { increment: 1 } },
  });
}

/** A test message: straight into the outbox, delivered like any other. */
export async function testAlertChannel(channelId: string, payload: string, at: Date, who: Actor): Promise<string> {
  return db().$transaction(async (tx) => {
    const channel = await tx.notificationChannel.findUnique({ where: { id: channelId }, select: { name: true } });
    if (!channel) throw notFound("The channel");
    const row = await tx.notification.create({
      data: { channelId, alertId: null, event: "test", payload, nextAttemptAt: at, createdAt: at },
      select: { id: true },
    });
    await recordAudit(tx, who, { action: "alert-channel.test", target: channel.name, outcome: "success" });
    return row.id;
  });
}

export const notificationSelect = {
  id: true,
  channelId: true,
  alertId: true,
  event: true,
  payload: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  createdAt: true,
  sentAt: true,
} as const;
export type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;

/**
 * Takes up to `limit` due notifications for this instance: each is claimed by a conditional update
 * (still pending, lease free or expired), so two instances never both take one.
 */
export async function claimNotifications(options: {
  now: Date;
  instanceId: string;
  leaseMs: number;
  limit: number;
}): Promise<NotificationRow[]> {
  const due = await db().notification.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: options.now },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: options.now } }],
    },
    select: { id: true, leaseExpiresAt: true },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: options.limit,
  });
  const claimed: string[] = [];
  for (const row of due) {
    const done = await db().notification.updateMany({
      where: { id: row.id, status: "pending", leaseExpiresAt: row.leaseExpiresAt },
      data: { leaseHolder: options.instanceId, leaseExpiresAt: new Date(options.now.getTime() + options.leaseMs) },
    });
    if (done.count === 1) claimed.push(row.id);
  }
  if (claimed.length === 0) return [];
  return db().notification.findMany({
    where: { id: { in: claimed } },
    select: notificationSelect,
    orderBy: [{ createdAt: "asc" }],
  });
}

export async function markSent(id: string, instanceId: string, at: Date): Promise<void> {
  await db().notification.updateMany({
    where: { id, leaseHolder: instanceId },
    data: {
      status: "sent",
      sentAt: at,
      attempts: { increment: 1 },
      lastError: null,
      leaseHolder: null,
      leaseExpiresAt: null,
    },
  });
}

export async function markRetry(
  id: string,
  instanceId: string,
  input: { error: string; nextAttemptAt: Date },
): Promise<void> {
  await db().notification.updateMany({
    where: { id, leaseHolder: instanceId },
    data: {
      attempts: { increment: 1 },
      lastError: input.error,
      nextAttemptAt: input.nextAttemptAt,
      leaseHolder: null,
      leaseExpiresAt: null,
    },
  });
}

/** Back to the queue untried (its channel just failed in this run): no attempt is counted. */
export async function releaseNotification(id: string, instanceId: string, nextAttemptAt: Date): Promise<void> {
  await db().notification.updateMany({
    where: { id, leaseHolder: instanceId },
    data: { nextAttemptAt, leaseHolder: null, leaseExpiresAt: null },
  });
}

export async function recentNotifications(options: {
  channelId?: string;
  alertId?: string;
  limit: number;
}): Promise<NotificationRow[]> {
  return db().notification.findMany({
    where: {
      ...(options.channelId ? { channelId: options.channelId } : {}),
      ...(options.alertId ? { alertId: options.alertId } : {}),
    },
    select: notificationSelect,
    orderBy: { createdAt: "desc" },
    take: options.limit,
  });
}
