// The one place a source (password opened) becomes a client: a CME client for a router, a
// RisPort client with the cluster's shared budget for a cluster. Polls, one-phone refreshes,
// helpdesk actions and "Test connection" all build theirs here, so the rate clamp, the reply
// cap, the items per request and the session cookies are the same whoever asks.
import { createCmeClient, type CmeClient } from "@/lib/cme";
import type { CmeDialect } from "@/lib/cme/types";
import type { SourceConnection } from "@/lib/db/sources";
import { AppError } from "@/lib/errors";
import { risportNodeUrl } from "@/lib/domain/source-urls";
import {
  allowedPerMinute,
  createRateBudget,
  DEFAULT_RESERVE,
  realSleep,
  type Clock,
  type RateBudget,
  type Sleep,
} from "@/lib/risport/budget/budget";
import type { BudgetStore } from "@/lib/risport/budget/budget-store";
import { createRisportClient, type RisportClient } from "@/lib/risport/client/client";
import { createCookieJar, type CookieJar } from "@/lib/soap/cookies";

/** What a router client needs from its source. */
export type RouterConnection = Pick<SourceConnection, "urls" | "username" | "password" | "tls" | "timeoutMs">;

/**
 * A CME client for the router. `knownDialect` is the form learned on an earlier poll; the
 * router's replies still correct it.
 */
export function routerClient(source: RouterConnection, options: { knownDialect?: CmeDialect } = {}): CmeClient {
  const [baseUrl] = source.urls;
  if (!baseUrl) throw new AppError("conflict", "This router has no address configured.");
  return createCmeClient({
    baseUrl,
    username: source.username,
    password: source.password,
    tls: source.tls,
    timeoutMs: source.timeoutMs,
    dialect: "auto",
    knownDialect: options.knownDialect,
  });
}

/**
 * What a cluster client needs from its source. The optional fields are absent for settings not
 * yet saved ("Test connection"): the documented limits apply then.
 */
export type ClusterConnection = Pick<
  SourceConnection,
  "id" | "urls" | "username" | "password" | "tls" | "timeoutMs"
> & {
  budgetPerMinute?: number | null;
  budgetReserve?: number | null;
  budgetRaised?: boolean;
  replyCap?: number | null;
  replyCapChecked?: boolean;
  selectItemsPerRequest?: number | null;
  /** Absent: a fresh cookie jar, never one shared with the saved source's credentials. */
  settingsVersion?: number;
};

/**
 * The cluster's shared RisPort budget with its configured rate and reserve: at most the
 * documented 15 a minute unless the source says the cluster's parameter was raised, and a reserve
 * that always leaves one request.
 */
export function clusterBudget(
  source: ClusterConnection,
  store: BudgetStore,
  clock: Clock,
  sleep: Sleep = realSleep,
): RateBudget {
  const perMinute = allowedPerMinute(source.budgetPerMinute, source.budgetRaised ?? false);
  const reserve = Math.min(Math.max(source.budgetReserve ?? DEFAULT_RESERVE, 0), perMinute - 1);
  return createRateBudget({ clusterId: source.id, store, perMinute, reserve, clock, sleep });
}

const jars = new Map<string, { settingsVersion: number; jar: CookieJar; clock: Clock }>();

/**
 * This process's session cookies for the cluster, per node. A change of address, user, password
 * or TLS (settingsVersion) starts a new jar: a session is never carried to other credentials.
 * Cookie expiry is judged by the caller's clock (the latest one to ask).
 */
export function sessionCookies(source: Pick<ClusterConnection, "id" | "settingsVersion">, clock: Clock): CookieJar {
  if (source.settingsVersion === undefined) return createCookieJar({ clock });
  const kept = jars.get(source.id);
  if (kept && kept.settingsVersion === source.settingsVersion) {
    kept.clock = clock;
    return kept.jar;
  }
  const entry: { settingsVersion: number; jar: CookieJar; clock: Clock } = {
    settingsVersion: source.settingsVersion,
    clock,
    jar: createCookieJar({ clock: (): number => entry.clock() }),
  };
  jars.set(source.id, entry);
  return entry.jar;
}

/** A RisPort client of the cluster spending `budget` (from clusterBudget, perhaps watched). */
export function clusterClient(source: ClusterConnection, budget: RateBudget): RisportClient {
  return createRisportClient({
    nodes: source.urls.map(risportNodeUrl),
    username: source.username,
    password: source.password,
    tls: source.tls,
    timeoutMs: source.timeoutMs,
    replyCap: source.replyCap ?? undefined,
    replyCapChecked: source.replyCapChecked ?? false,
    maxItemsPerRequest: source.selectItemsPerRequest ?? undefined,
    budget,
    cookies: sessionCookies(source, budget.clock),
  });
}
