// pollSource: one poll of one source, start to finish. Checks the holds (disabled, refused
// credentials, breaker), takes the source's lease, reads the source, stores what changed, and
// records the Poll row and the source's health in one final transaction.
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/db/audit";
import { createInventoryStore, type InventoryStore } from "@/lib/db/inventory-store";
import type { HealthRecord, HealthUpdate, PollCounts, PollRow } from "@/lib/db/inventory-types";
import { getSealedSource, type SealedSource, type SourceRecord } from "@/lib/db/sources";
import { notFound } from "@/lib/errors";
import { parseJsonObject } from "@/lib/domain/json";
import { SecretKeyError } from "@/lib/secrets/source-passwords";
import { log, withLogContext } from "@/lib/log";
import { recordPoll } from "@/lib/api/process-metrics";
import { storeSnapshot } from "./apply";
import { breakerDelayMs, failedHealth, failureOf, nextPollTime, partialHealth, PollFailure } from "./health";
import { keepLease, LeaseLost } from "./lease";
import { afterPoll, identityOfName } from "./effective/recompute";
import { pollCluster } from "./poll-cluster";
import { pollRouter } from "./poll-router";
import type { SourceSnapshot } from "./snapshot";

export type PollStatus = "ok" | "partial" | "failed" | "skipped";

export interface PollSummary {
  sourceId: string;
  status: PollStatus;
  /** Devices the source has now (not missing), as stored after this poll. */
  devices: number;
  /** Devices, extensions and CTI applications created, changed or marked missing. */
  changed: number;
  /** Requests sent to the source. */
  requests: number;
  /** When the poll started, epoch ms by the poll's clock (its summary is reported later: after storing and effective states). */
  startedAt: number;
  durationMs: number;
  /** What went wrong or why the poll was skipped, in plain words. */
  error?: string;
}

export interface PollOptions {
  /** Who polls: the lease holder's name (see defaultInstanceId). */
  instanceId: string;
  /** Clock in epoch ms; tests inject one. */
  now?: () => number;
  signal?: AbortSignal;
  /** Someone asked for this poll: it ignores the schedule, the breaker and an auth-failed hold. */
  force?: boolean;
  /** A scheduled poll runs only while the source is due, so one that just finished elsewhere is not repeated. */
  scheduled?: boolean;
  /** Written with the poll's result, in the same transaction (poll now). */
  audit?: Actor;
  store?: InventoryStore;
  /** How long the lease holds without renewal; default twice the source's timeout, at least a minute. */
  leaseMs?: number;
  /** Spread of the next poll time, as a fraction of the interval (default 0.05). */
  jitter?: number;
  random?: () => number;
  /**
   * Called once the poll's result is stored and its lease released, before its effective states
   * and alerts are worked out (which wait for other polls' batches): the scheduler's slot is free then.
   */
  onStored?: () => void;
}

const DEFAULT_JITTER = 0.05;

/**
 * How long a cluster poll may wait for RisPort budget slots. Most of an interval, but never less
 * than 10 minutes: discovering a 40,000-device cluster takes ~60 requests, 5 minutes at 12 a
 * minute, and a sweep cut short by its deadline would have to start over.
 */
function sweepBudgetMs(intervalMs: number): number {
  return Math.max(intervalMs * 0.9, 10 * 60_000);
}
const ZERO_COUNTS: PollCounts = {
  devices: 0,
  registered: 0,
  unregistered: 0,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
  missing: 0,
};

/** Why a poll does not run now, or null when it may. */
function holdOf(source: SourceRecord, health: HealthRecord | null, now: number, force: boolean): string | null {
  // An admin turned polling off: not even "poll now" overrides that.
  if (!source.enabled) return "The source is disabled; enable it to poll it.";
  if (force) return null;
  if (health?.authFailedVersion != null && health.authFailedVersion === source.settingsVersion) {
    return "The source refused the user name or password; it is tried again when its settings change or someone polls it now.";
  }
  if (health?.breakerUntil && health.breakerUntil.getTime() > now)
    return "The source failed repeatedly; the next try waits.";
  return null;
}

/** The source with its password opened; a password sealed with a lost key reads as refused credentials, retried once they are entered again. */
function openConnection(sealed: SealedSource) {
  try {
    return sealed.open();
  } catch (error) {
    if (error instanceof SecretKeyError)
      throw new PollFailure(
        "auth",
        "Linewatch cannot open this source's stored password (its secret key changed); enter the password again.",
      );
    throw error;
  }
}

/** Effective states across sources; the poll itself is stored already, so a failure here is only logged. */
async function updateEffective(
  sourceId: string,
  touchedNames: readonly string[],
  at: Date,
  options: PollOptions,
): Promise<void> {
  try {
    await afterPoll(sourceId, touchedNames.map(identityOfName), at, { scheduled: options.scheduled === true });
  } catch (error) {
    log.error("effective states not updated", {
      sourceId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

export async function pollSource(sourceId: string, options: PollOptions): Promise<PollSummary> {
  const started = performance.now();
  const startedAt = (options.now ?? Date.now)();
  // Read once, with its sealed passwords: a poll of an unchanged router is 17 statements, and each
  // one costs the worker Prisma's query compilation (issue #16).
  const sealed = await getSealedSource(sourceId);
  if (!sealed) throw notFound("The source");
  const source = sealed.record;
  // Every line logged while polling names the source; the poll is counted in this process's metrics.
  const summary = await withLogContext({ sourceId, source: source.name }, () =>
    pollLoaded(sealed, options, started, startedAt),
  );
  recordPoll(source.kind, summary.status, summary.durationMs / 1000);
  return summary;
}

async function pollLoaded(
  sealed: SealedSource,
  options: PollOptions,
  started: number,
  startedAt: number,
): Promise<PollSummary> {
  const source = sealed.record;
  const sourceId = source.id;
  const clock = options.now ?? Date.now;
  const store = options.store ?? createInventoryStore();
  const random = options.random ?? Math.random;
  const result = (status: PollStatus, extra: Partial<PollSummary> = {}): PollSummary => ({
    sourceId,
    status,
    devices: 0,
    changed: 0,
    requests: 0,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    ...extra,
  });

  const health = await store.readHealth(sourceId);
  const hold = holdOf(source, health, startedAt, options.force ?? false);
  if (hold) return result("skipped", { error: hold });
  const leaseMs = options.leaseMs ?? Math.max(60_000, source.timeoutMs * 2);
  const leased = await store.acquireLease(sourceId, {
    instanceId: options.instanceId,
    now: new Date(startedAt),
    until: new Date(startedAt + leaseMs),
    dueOnly: options.scheduled === true && !options.force,
  });
  if (!leased)
    return result("skipped", {
      error: options.scheduled
        ? "The source is not due, or another Linewatch instance is polling it."
        : "Another poll of this source is running now.",
    });

  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([stop.signal, options.signal]) : stop.signal;
  const keeper = keepLease(store, {
    sourceId,
    instanceId: options.instanceId,
    leaseMs,
    clock,
    onLost: () => stop.abort(new LeaseLost()),
  });
  const intervalMs = source.pollIntervalS * 1000;
  const pollId = randomUUID();
  const audit = (summary: PollSummary) =>
    options.audit && {
      who: options.audit,
      entry: {
        action: "source.poll",
        target: source.name,
        outcome: summary.status === "failed" ? ("failure" as const) : ("success" as const),
        detail: {
          sourceId,
          status: summary.status,
          devices: summary.devices,
          changed: summary.changed,
          requests: summary.requests,
          ...(summary.error ? { error: summary.error } : {}),
        },
      },
    };

  try {
    const connection = openConnection(sealed);
    const memory = parseJsonObject(health?.memory);
    // Cluster polls say why their sweep was incomplete (node down, slice still cut, budget spent).
    const snapshot: SourceSnapshot & { incompleteReason?: string | null } =
      connection.kind === "cme"
        ? await pollRouter(connection, memory, signal)
        : await pollCluster(connection, memory, {
            store,
            clock,
            signal,
            deadline: startedAt + sweepBudgetMs(intervalMs),
          });
    signal.throwIfAborted();
    const at = new Date(clock());
    const stored = await storeSnapshot(store, { sourceId, pollId, at, firstPoll: !health?.lastSuccessAt }, snapshot);
    const counts = await store.deviceCounts(sourceId);
    const partial = snapshot.problems.length > 0;
    const error = partial ? snapshot.problems.map((p) => p.userMessage).join(" ") : undefined;
    const summary = result(partial ? "partial" : "ok", {
      devices: counts.devices,
      changed: stored.changed,
      requests: snapshot.requests,
      error,
    });
    const poll: PollRow = {
      id: pollId,
      startedAt: new Date(startedAt),
      durationMs: summary.durationMs,
      outcome: partial ? "partial" : "ok",
      error: error ?? null,
      complete: snapshot.devices?.complete ?? false,
      incompleteReason: snapshot.devices?.complete
        ? null
        : (snapshot.incompleteReason ?? error ?? "The device list could not be read this time."),
      changed: stored.changed,
      requests: snapshot.requests,
      ...counts,
    };
    const update: HealthUpdate = {
      status: partial ? partialHealth(snapshot.problems) : "ok",
      lastAttemptAt: new Date(startedAt),
      lastSuccessAt: at,
      consecutiveFailures: 0,
      lastError: error ?? null,
      breakerUntil: null,
      authFailedVersion: null,
      memory: JSON.stringify(snapshot.memory),
      nextPollAt: new Date(nextPollTime(startedAt, clock(), intervalMs, options.jitter ?? DEFAULT_JITTER, random)),
    };
    await store.finishPoll({ sourceId, instanceId: options.instanceId, poll, health: update, audit: audit(summary) });
    options.onStored?.();
    await updateEffective(sourceId, stored.devicesTouched, at, options);
    return summary;
  } catch (caught) {
    if (signal.aborted) {
      // Stopped (shutdown, or the lease was lost): nothing about the source was learnt.
      await store.releaseLease(sourceId, options.instanceId).catch(() => {});
      return result("skipped", {
        error:
          stop.signal.reason instanceof LeaseLost
            ? "Another instance took over this source's poll."
            : "The poll was stopped.",
      });
    }
    const failure = failureOf(caught);
    if (failure.kind === "internal")
      log.error("poll failed", { sourceId, error: caught instanceof Error ? caught.message : String(caught) });
    const status = failedHealth(failure.kind);
    const failures = (health?.consecutiveFailures ?? 0) + 1;
    const now = clock();
    const breakerUntil =
      status === "unreachable"
        ? now + breakerDelayMs(failures, intervalMs, random)
        : status === "rate-limited"
          ? now + Math.max(failure.options.retryAfterMs ?? 0, intervalMs)
          : null;
    const summary = result("failed", { requests: failure.options.requests ?? 0, error: failure.userMessage });
    const poll: PollRow = {
      id: pollId,
      startedAt: new Date(startedAt),
      durationMs: summary.durationMs,
      outcome: "failed",
      error: failure.userMessage,
      complete: null,
      incompleteReason: null,
      changed: 0,
      requests: summary.requests,
      ...ZERO_COUNTS,
    };
    const update: HealthUpdate = {
      ...(status ? { status } : {}),
      lastAttemptAt: new Date(startedAt),
      consecutiveFailures: failures,
      lastError: failure.userMessage,
      breakerUntil: breakerUntil === null ? null : new Date(breakerUntil),
      authFailedVersion: status === "auth-failed" ? source.settingsVersion : null,
      nextPollAt: new Date(
        Math.max(breakerUntil ?? 0, nextPollTime(startedAt, now, intervalMs, options.jitter ?? DEFAULT_JITTER, random)),
      ),
    };
    await store.finishPoll({ sourceId, instanceId: options.instanceId, poll, health: update, audit: audit(summary) });
    options.onStored?.();
    // A failure can make the source stale: its devices' effective state becomes "unknown".
    await updateEffective(sourceId, [], new Date(now), options);
    return summary;
  } finally {
    keeper.stop();
  }
}
