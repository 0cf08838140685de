// Whether this instance can serve: what a load balancer probes at /readyz (and /healthz for "the
// process answers"). Each check says only ok or what kind of trouble: outsiders learn nothing more.
import "server-only";
import { db } from "@/lib/db/client";
import { pendingMigrationNames } from "@/lib/db/migrate";
import { schedulerBeat, type SchedulerBeat } from "@/lib/inventory/scheduler";
import { env } from "@/lib/env";
import { getPoller } from "./poller";

export interface Readiness {
  ready: boolean;
  checks: {
    database: "ok" | "unreachable";
    migrations: "ok" | "pending" | "unknown";
    /**
     * Inline: this instance's poll scheduler, ticking, behind (no tick for a while) or not running.
     * External: the poll workers, as their heartbeats and overdue polls say.
     */
    poller: "ok" | "behind" | "not-running";
  };
}

/** A scheduler that missed this many ticks (and at least a minute) is behind. */
const BEHIND_AFTER_TICKS = 6;

export function pollerState(beat: SchedulerBeat | null, now: number): Readiness["checks"]["poller"] {
  if (!beat) return "not-running";
  return now - beat.lastTickAt > Math.max(60_000, BEHIND_AFTER_TICKS * beat.tickMs) ? "behind" : "ok";
}

export async function readiness(
  now: number = Date.now(),
  beat: SchedulerBeat | null = schedulerBeat(),
): Promise<Readiness> {
  let database: Readiness["checks"]["database"] = "ok";
  let migrations: Readiness["checks"]["migrations"] = "unknown";
  try {
    await db().$queryRaw`SELECT 1`;
    migrations = (await pendingMigrationNames()).length === 0 ? "ok" : "pending";
  } catch {
    database = "unreachable";
  }
  const external = env().worker === "external";
  const poller = external ? await workersState(now) : pollerState(beat, now);
  return {
    // With workers of their own the web serves reads while they are down (and its pages say so):
    // taking it out of the load balancer would hide exactly that.
    ready: database === "ok" && migrations === "ok" && (external || poller === "ok"),
    checks: { database, migrations, poller },
  };
}

async function workersState(now: number): Promise<Readiness["checks"]["poller"]> {
  const state = await getPoller(now)
    .then((p) => p.state)
    .catch(() => "down" as const);
  return state === "down" ? "not-running" : state;
}
