"use client";
// Sites: the outage history (of one site when ?site= is set), the rules that place a cluster's
// phones, the outage thresholds, the time zone reports use, and in the demo the branch WAN switch.
import { useSearchParams } from "next/navigation";
import { DemoBranch } from "./demo-branch";
import { SiteHistory } from "./site-history";
import { SiteRulesForm } from "./site-rules-form";
import { TimeZoneSetting } from "./time-zone-setting";
import { NotSeenSetting } from "./not-seen-setting";

export function SitesPage({ canManage }: { canManage: boolean }) {
  const site = useSearchParams().get("site")?.trim() || undefined;
  return (
    <div className="flex flex-col gap-6">
      <DemoBranch canManage={canManage} />
      <SiteHistory site={site} />
      <SiteRulesForm canManage={canManage} />
      <TimeZoneSetting canManage={canManage} />
      <NotSeenSetting canManage={canManage} />
    </div>
  );
}
