// Sources as the API, the CLI and the pages use them: JSON shapes without secrets, connection
// tests (saved or unsaved settings) with their audit rows, and the demo hand-over on first add.
import "server-only";
import type { z } from "zod";
import type { sourceSchema } from "@/lib/api/contracts/sources";
import * as sources from "@/lib/db/sources";
import { recordAuditAlone, type Actor } from "@/lib/db/audit";
import type { SourceWithHealth } from "@/lib/db/sources";
import { notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import type { SourceInput, SourceKind, SourceUpdate, TlsSetting } from "@/lib/domain/source";
import { testConnection, type ConnectionSettings, type TestDependencies } from "./test-connection";
import type { ConnectionTestResult } from "@/lib/domain/source-test-result";
import { hostLabel } from "@/lib/domain/source-urls";
import { assertAllowedTargets } from "./validate";
import { validationFailed } from "@/lib/domain/validation";
import { identitiesOf } from "@/lib/db/phone-identity";
import { recomputeIdentities } from "@/lib/inventory/effective/recompute";
import { stopDemoIfUnused } from "@/lib/server/demo/stop";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export type SourceJson = z.infer<typeof sourceSchema>;

/** The API's shape of a source: its record as stored, dates as ISO text. */
export function toSourceJson(s: SourceWithHealth): SourceJson {
  const { health, completeness, budget, configured, createdAt, updatedAt, ...record } = s;
  return {
    ...record,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    health: {
      status: health.status,
      lastAttemptAt: iso(health.lastAttemptAt),
      lastSuccessAt: iso(health.lastSuccessAt),
      consecutiveFailures: health.consecutiveFailures,
      lastError: health.lastError,
      nextPollAt: iso(health.nextPollAt),
      stale: health.stale,
      staleSince: iso(health.staleSince),
    },
    configured: configured
      ? {
          readAt: iso(configured.readAt),
          count: configured.count,
          error: configured.error,
          requested: configured.requested,
        }
      : null,
    completeness: completeness
      ? { at: completeness.at.toISOString(), complete: completeness.complete, reason: completeness.reason }
      : null,
    budget: budget ? { limit: budget.limit, used: budget.used, pausedUntil: iso(budget.pausedUntil) } : null,
  };
}

async function sourceJson(id: string, at: Date) {
  const source = await sources.getSourceWithHealth(id, at.getTime());
  if (!source) throw notFound("The source");
  return toSourceJson(source);
}

export async function listSources(filter: { kind?: SourceKind; enabled?: boolean } = {}, at: Date = new Date()) {
  return { items: (await sources.listSourcesWithHealth(filter, at.getTime())).map(toSourceJson) };
}

export async function getSource(id: string, at: Date = new Date()) {
  return { source: await sourceJson(id, at) };
}

export async function createSource(input: SourceInput, who: Actor, at: Date = new Date()) {
  assertAllowedTargets(input.urls);
  const created = await sources.createSource(input, who);
  // The first real source removed the demo sources: their simulators go too.
  await stopDemoIfUnused();
  return { source: await sourceJson(created.id, at) };
}

/**
 * An edit that only pauses or resumes polling is recorded as such. `at` is the caller's clock: the
 * phones' freshness is worked out against it (tests drive polls with a fixed clock).
 */
export async function updateSource(id: string, change: SourceUpdate, who: Actor, at: Date = new Date()) {
  assertAllowedTargets(change.urls);
  const keys = Object.keys(change).filter((k) => change[k as keyof SourceUpdate] !== undefined);
  if (keys.length === 1 && keys[0] === "enabled") await sources.setSourceEnabled(id, change.enabled!, who);
  else await sources.updateSource(id, change, who);
  // Its phones' site (and, turned on or off, their freshness) follow the source at once.
  if (change.site !== undefined || change.enabled !== undefined) await recomputeIdentities(await identitiesOf(id), at);
  return { source: await sourceJson(id, at) };
}

export async function deleteSource(id: string, who: Actor, at: Date = new Date()) {
  // Phones this source shared with others get a new representative record once it is gone.
  const identities = await identitiesOf(id);
  const removed = await sources.deleteSource(id, who);
  await recomputeIdentities(identities, at);
  await stopDemoIfUnused();
  return { ok: true as const, name: removed.name };
}

async function runTest(
  settings: ConnectionSettings,
  audit: { who: Actor; target: string; saved: boolean },
  deps: TestDependencies,
): Promise<ConnectionTestResult> {
  let result: ConnectionTestResult;
  try {
    result = await testConnection(settings, deps);
  } catch (error) {
    await recordAuditAlone(audit.who, {
      action: "source.test",
      target: audit.target,
      detail: { kind: settings.kind, saved: audit.saved, ok: false, errorKind: "internal" },
      outcome: "failure",
    });
    throw error;
  }
  await recordAuditAlone(audit.who, {
    action: "source.test",
    target: audit.target,
    detail: {
      kind: settings.kind,
      saved: audit.saved,
      ok: result.ok,
      ...(result.error ? { errorKind: result.error.kind, errorType: result.error.type } : {}),
    },
    outcome: result.ok ? "success" : "failure",
  });
  if (!result.ok)
    log.info("source test failed", {
      source: audit.target,
      errorKind: result.error?.kind,
      durationMs: result.durationMs,
    });
  return result;
}

/** Tests a saved source with its stored settings. */
export async function testSource(id: string, who: Actor, deps: TestDependencies = {}): Promise<ConnectionTestResult> {
  const connection = await sources.sourceConnection(id);
  return runTest({ ...connection, budgetKey: connection.id }, { who, target: connection.name, saved: true }, deps);
}

export interface UnsavedSettings {
  kind: SourceKind;
  name: string;
  urls: string[];
  username: string;
  /** Absent: use the stored password of `sourceId` (only against its saved addresses). */
  password?: string;
  tls: TlsSetting;
  timeoutMs: number;
  budgetPerMinute?: number;
  budgetReserve?: number;
  replyCap?: number;
  /** The source being edited, if any: its stored password and its cluster budget. */
  sourceId?: string;
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));

/** The saved cluster an unsaved form points at (any node in common), whose budget it must share. */
async function budgetKeyFor(settings: UnsavedSettings): Promise<string> {
  if (settings.sourceId) return settings.sourceId;
  const hosts = new Set(settings.urls.map((u) => hostLabel(u).toLowerCase()));
  const clusters = await sources.listSources({});
  const same = clusters.find((c) => c.kind === "cucm" && c.urls.some((u) => hosts.has(hostLabel(u).toLowerCase())));
  return same?.id ?? `unsaved:${[...hosts][0]}`;
}

/**
 * Tests settings from the add or edit form before they are saved. Without a password, the edited
 * source's stored one is used, but only against its saved addresses and user name: a stored
 * password is never sent to a new address.
 */
export async function testSourceSettings(
  settings: UnsavedSettings,
  who: Actor,
  deps: TestDependencies = {},
): Promise<ConnectionTestResult> {
  assertAllowedTargets(settings.urls);
  let password = settings.password;
  if (password === undefined) {
    if (!settings.sourceId) throw validationFailed([{ path: "password", message: "enter the password to test" }]);
    const saved = await sources.sourceConnection(settings.sourceId);
    if (saved.kind !== settings.kind || !sameSet(saved.urls, settings.urls) || saved.username !== settings.username) {
      throw validationFailed([
        { path: "password", message: "enter the password again to test a changed address or user name" },
      ]);
    }
    password = saved.password;
  }
  const connection: ConnectionSettings = { ...settings, password, budgetKey: await budgetKeyFor(settings) };
  return runTest(connection, { who, target: settings.name || "(unsaved source)", saved: false }, deps);
}
