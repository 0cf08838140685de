// Sites as admins and managers use them: the rules and outage thresholds (saving them works out
// every device's site again), the site-outage history, and the demo branch's WAN switch.
import "server-only";
import type { Actor } from "@/lib/db/audit";
import { recordAuditAlone } from "@/lib/db/audit";
import * as siteSettingsDb from "@/lib/db/site-settings";
import * as siteEventsDb from "@/lib/db/site-events";
import { OUTAGE_SETTING_KEY, readOutageSettings, type OutageSettings } from "@/lib/inventory/effective/outage-settings";
import { recomputeAll } from "@/lib/inventory/effective/recompute";
import type { SiteRuleInput } from "@/lib/domain/site-rules";
import { toSiteEvent } from "@/lib/api/site-events";
import { runningDemoFleet } from "@/lib/server/demo/running";
import { BRANCH, type WanState } from "@/lib/server/demo/branch";
import { AppError } from "@/lib/errors";

export async function getSiteSettings(): Promise<{ rules: SiteRuleInput[]; outage: OutageSettings }> {
  const [rules, outage] = await Promise.all([siteSettingsDb.listSiteRules(), readOutageSettings()]);
  return { rules: rules as SiteRuleInput[], outage };
}

/** Rules and thresholds as the contract parsed them (a subnet is a real CIDR by then). */
export async function saveSiteSettings(
  input: { rules: SiteRuleInput[]; outage: OutageSettings },
  who: Actor,
  at: Date = new Date(),
) {
  await siteSettingsDb.saveSiteSettings(
    { rules: input.rules, outageKey: OUTAGE_SETTING_KEY, outageValue: JSON.stringify(input.outage) },
    who,
  );
  const moved = await recomputeAll(at);
  return { ...(await getSiteSettings()), devicesMoved: moved.written };
}

export async function listSiteEvents(query: { site?: string; days: number }, now = new Date()) {
  const rows = await siteEventsDb.listSiteEvents({
    since: new Date(now.getTime() - query.days * 86_400_000),
    site: query.site,
    limit: 200,
  });
  return { items: rows.map((row) => toSiteEvent(row, now)) };
}

export async function getDemo() {
  const demo = await runningDemoFleet();
  return {
    running: demo !== null,
    branch: demo ? { site: BRANCH.site, router: BRANCH.routerName, wan: demo.branch.wan() } : null,
  };
}

export async function setBranchWan(wan: WanState, who: Actor) {
  const demo = await runningDemoFleet();
  if (!demo) throw new AppError("conflict", "The demo fleet is not running on this server.");
  if (wan === "cut") demo.branch.cut();
  else demo.branch.restore();
  await recordAuditAlone(who, { action: "demo.branch-wan", target: BRANCH.site, detail: { wan }, outcome: "success" });
  return getDemo();
}
