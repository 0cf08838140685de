// The outbox worker: takes due notifications under a lease, sends each with a bounded timeout,
// and on failure schedules the next try with exponential backoff (30 s doubling, at most 30 min).
// Nothing is dropped: a channel that is down, disabled or misconfigured gets it once it works.
// The channel's health (lastError, consecutiveFailures) shows what went wrong.
import {
  channelForDelivery,
  claimNotifications,
  markRetry,
  markSent,
  recordChannelResult,
  releaseNotification,
} from "@/lib/db/alerts-outbox";
import { SecretKeyError } from "@/lib/secrets/source-passwords";
import { log } from "@/lib/log";
import { alertPayloadSchema } from "./message";
import { sendToChannel } from "./channels/send";
import { TargetRefused } from "./channels/target";
import type { ChannelKind, ChannelTarget } from "@/lib/domain/alert-channels";

export interface DeliveryOptions {
  now: Date;
  instanceId: string;
  /** Per attempt: connect, send and answer. */
  timeoutMs?: number;
  limit?: number;
  leaseMs?: number;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

function reasonOf(error: unknown): string {
  if (error instanceof TargetRefused) return `Refused target, not contacted: ${error.message}`;
  if (error instanceof SecretKeyError)
    return "Linewatch cannot open this channel's stored secrets (its secret key changed); enter them again.";
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}

export async function deliverOutbox(options: DeliveryOptions): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const limit = options.limit ?? 20;
  // The lease outlasts the whole run (every attempt may take its full timeout), so another
  // instance never takes a notification this one is still sending.
  const claimed = await claimNotifications({
    now: options.now,
    instanceId: options.instanceId,
    leaseMs: options.leaseMs ?? Math.max(60_000, timeoutMs * (limit + 1)),
    limit,
  });
  const result: DeliveryResult = { sent: 0, failed: 0 };
  const channels = new Map<string, Awaited<ReturnType<typeof channelForDelivery>> | Error>();
  // A channel that failed once in this run is not tried again in it: a hanging mail server
  // costs one timeout per run, not one per waiting message.
  const failedNow = new Map<string, Date>();
  for (const notification of claimed) {
    const retryAt = failedNow.get(notification.channelId);
    if (retryAt) {
      await releaseNotification(notification.id, options.instanceId, retryAt);
      continue;
    }
    let error: unknown = null;
    try {
      if (!channels.has(notification.channelId))
        channels.set(
          notification.channelId,
          await channelForDelivery(notification.channelId).catch((e: unknown) =>
            e instanceof Error ? e : new Error(String(e)),
          ),
        );
      const channel = channels.get(notification.channelId);
      if (channel instanceof Error) throw channel;
      if (!channel) throw new Error("The channel was removed.");
      if (!channel.enabled) throw new Error("The channel is disabled; it is kept for when it is enabled again.");
      const payload = alertPayloadSchema.parse(JSON.parse(notification.payload));
      await sendToChannel({ ...channel, kind: channel.kind as ChannelKind } as ChannelTarget, payload, timeoutMs);
    } catch (caught) {
      error = caught;
    }
    // Delivery is timed by the caller's clock: results are stamped with it, not with the wall clock.
    if (error === null) {
      await markSent(notification.id, options.instanceId, options.now);
      await recordChannelResult(notification.channelId, { at: options.now, error: null });
      result.sent += 1;
    } else {
      const reason = reasonOf(error);
      const nextAttemptAt = new Date(options.now.getTime() + backoffMs(notification.attempts + 1));
      failedNow.set(notification.channelId, nextAttemptAt);
      await markRetry(notification.id, options.instanceId, { error: reason, nextAttemptAt });
      await recordChannelResult(notification.channelId, { at: options.now, error: reason });
      log.warn("notification not delivered", {
        channelId: notification.channelId,
        attempts: notification.attempts + 1,
        error: reason,
      });
      result.failed += 1;
    }
  }
  return result;
}
