// Sites as admins and managers use them: the rules and outage thresholds (saving them works out
// every device's site again, in the poll worker, with progress to follow), the site-outage
// history, and the demo branch's WAN switch (the demo fleet runs in the poll worker).
import "server-only";
import type { Actor } from "@/lib/db/audit";
import * as siteSettingsDb from "@/lib/db/site-settings";
import * as siteEventsDb from "@/lib/db/site-events";
import { OUTAGE_SETTING_KEY, readOutageSettings, type OutageSettings } from "@/lib/inventory/effective/outage-settings";
import type { SiteRuleInput } from "@/lib/domain/site-rules";
import { toSiteEvent } from "@/lib/api/site-events";
import type { WanState } from "@/lib/server/demo/branch";
import { listWorkers } from "@/lib/db/workers";
import { parseJsonObject } from "@/lib/domain/json";
import { workerAlive } from "@/lib/domain/poll-schedule";
import { env } from "@/lib/env";
import { demoBranch } from "./work/kinds";
import { doWork, latestWork, startWork, type WorkStatus } from "./work/queue";

export async function getSiteSettings(): Promise<{
  rules: SiteRuleInput[];
  outage: OutageSettings;
  recompute: WorkStatus | null;
}> {
  const [rules, outage, recompute] = await Promise.all([
    siteSettingsDb.listSiteRules(),
    readOutageSettings(),
    latestWork("recompute-sites"),
  ]);
  return { rules: rules as SiteRuleInput[], outage, recompute };
}

/**
 * Rules and thresholds as the contract parsed them (a subnet is a real CIDR by then). Saved at
 * once; working out 100,000 devices' sites again takes seconds, so it runs in the poll worker and
 * `recompute` says how far it got.
 */
export async function saveSiteSettings(input: { rules: SiteRuleInput[]; outage: OutageSettings }, who: Actor) {
  await siteSettingsDb.saveSiteSettings(
    { rules: input.rules, outageKey: OUTAGE_SETTING_KEY, outageValue: JSON.stringify(input.outage) },
    who,
  );
  const recompute = await startWork("recompute-sites", {}, who);
  return { ...(await getSiteSettings()), recompute };
}

export async function listSiteEvents(query: { site?: string; days: number }, now = new Date()) {
  const rows = await siteEventsDb.listSiteEvents({
    since: new Date(now.getTime() - query.days * 86_400_000),
    site: query.site,
    limit: 200,
  });
  return { items: rows.map((row) => toSiteEvent(row, now)) };
}

type DemoBranch = NonNullable<Awaited<ReturnType<typeof demoBranch>>>;

/** The demo branch a live poll worker reports in its heartbeat (or this process runs, inline). */
async function workersDemo(now = Date.now()): Promise<DemoBranch | null> {
  if (env().worker === "inline") return demoBranch();
  for (const worker of await listWorkers()) {
    if (!workerAlive(worker.beatAt, now)) continue;
    const demo = parseJsonObject(worker.detail).demo as DemoBranch | null | undefined;
    if (demo) return demo;
  }
  return null;
}

export async function getDemo() {
  const branch = await workersDemo();
  return { running: branch !== null, branch };
}

export async function setBranchWan(wan: WanState, who: Actor) {
  const branch = await doWork<DemoBranch | null>("demo-wan", { wan }, who);
  return { running: branch !== null, branch };
}
