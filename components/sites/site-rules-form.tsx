"use client";
// Site rules (device pool and location rules first, then the rest; first match wins) and the outage
// thresholds. Admins edit; everyone else reads.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextField } from "@/components/ui/field";
import { ApiError } from "@/components/api-client";
import { siteRuleKinds } from "@/lib/domain/site-rules";
import { useRecomputeFinished, useSaveSiteSettings, useSiteSettings } from "./use-sites";
import type { SiteSettings, SiteSettingsInput } from "./api";

type Rule = SiteSettingsInput["rules"][number];
const kindLabels: Record<Rule["kind"], string> = {
  "device-pool": "Device pool is",
  location: "Location is",
  subnet: "IP subnet",
  "description-prefix": "Description starts with",
  "name-prefix": "Device name starts with",
};
const patternHints: Record<Rule["kind"], string> = {
  "device-pool": "e.g. BR-LEEDS, or BR-* for every BR- pool",
  location: "e.g. Leeds, or BR-* for every BR- location",
  subnet: "e.g. 10.40.0.0/16",
  "description-prefix": "e.g. MAN ",
  "name-prefix": "e.g. SEPAA40",
};

export function SiteRulesForm({ canManage }: { canManage: boolean }) {
  const settings = useSiteSettings();
  const save = useSaveSiteSettings();
  // Cached settings (coming back to the page) fill the form at once, not after a "No rules yet" flash.
  const [rules, setRules] = useState<Rule[]>(() => settings.data?.rules ?? []);
  const [share, setShare] = useState(() => String(Math.round((settings.data?.outage.share ?? 0.3) * 100)));
  const [minPhones, setMinPhones] = useState(() => String(settings.data?.outage.minPhones ?? 5));
  const [saved, setSaved] = useState<string | null>(null);
  const recompute = settings.data?.recompute ?? null;
  useRecomputeFinished(recompute?.status);

  // The settings are re-read every second while a recompute runs: only saved changes reset the form.
  const stored = settings.data ? JSON.stringify([settings.data.rules, settings.data.outage]) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `stored` stands for settings.data's rules and outage
  useEffect(() => {
    if (!settings.data) return;
    setRules(settings.data.rules);
    setShare(String(Math.round(settings.data.outage.share * 100)));
    setMinPhones(String(settings.data.outage.minPhones));
  }, [stored]);

  const change = (index: number, patch: Partial<Rule>) =>
    setRules((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const issues = save.error instanceof ApiError ? save.error.message : save.error?.message;

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(null);
    save.mutate(
      { rules, outage: { share: Number(share) / 100, minPhones: Number(minPhones) } },
      { onSuccess: () => setSaved("Saved.") },
    );
  };

  return (
    <form onSubmit={onSubmit} aria-labelledby="site-rules-heading" className="flex flex-col gap-3">
      <h2 id="site-rules-heading" className="font-medium">
        Site rules
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A router&apos;s phones belong to the router&apos;s site. A cluster&apos;s phones get the site of the first rule
        that matches, else the site of an SRST router they are on, else the cluster&apos;s site.
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Device pool and location rules are tried before subnet and prefix rules, wherever they are in the list. They
        match the whole name as set in Unified CM, ignoring case; end a name with * to match every name that starts with
        it (BR-*). Phones with no device pool or location in the configured inventory match none of them.
      </p>
      {rules.length === 0 && <p className="text-sm text-slate-500">No rules yet.</p>}
      <ol className="flex flex-col gap-2">
        {rules.map((rule, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a rule is its position (the first match wins) and has no id before saving
          <li key={index} className="grid grid-cols-1 items-end gap-2 md:grid-cols-[12rem_1fr_1fr_auto]">
            <SelectField
              label={`Rule ${index + 1}: match`}
              value={rule.kind}
              disabled={!canManage}
              onChange={(e) => change(index, { kind: e.target.value as Rule["kind"] })}
              options={siteRuleKinds.map((k) => ({ value: k, label: kindLabels[k] }))}
            />
            <TextField
              label={`Rule ${index + 1}: pattern`}
              value={rule.pattern}
              disabled={!canManage}
              placeholder={patternHints[rule.kind]}
              onChange={(e) => change(index, { pattern: e.target.value })}
            />
            <TextField
              label={`Rule ${index + 1}: site`}
              value={rule.site}
              disabled={!canManage}
              onChange={(e) => change(index, { site: e.target.value })}
            />
            {canManage && (
              <Button variant="ghost" onClick={() => setRules((all) => all.filter((_, i) => i !== index))}>
                Remove rule {index + 1}
              </Button>
            )}
          </li>
        ))}
      </ol>
      {canManage && (
        <div>
          <Button
            variant="secondary"
            onClick={() => setRules((all) => [...all, { kind: "subnet", pattern: "", site: "" }])}
          >
            Add a rule
          </Button>
        </div>
      )}
      <h2 className="mt-2 font-medium">Site-outage hints</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        One site event instead of many phone changes when this many of a site&apos;s phones leave registration within
        one poll window.
      </p>
      <div className="grid max-w-md grid-cols-2 gap-2">
        <TextField
          label="Share of the site's phones (%)"
          type="number"
          min={1}
          max={100}
          value={share}
          disabled={!canManage}
          onChange={(e) => setShare(e.target.value)}
        />
        <TextField
          label="And at least (phones)"
          type="number"
          min={1}
          value={minPhones}
          disabled={!canManage}
          onChange={(e) => setMinPhones(e.target.value)}
        />
      </div>
      {issues && <Notice tone="error">{issues}</Notice>}
      {saved && <Notice tone="success">{saved}</Notice>}
      {recompute && <RecomputeProgress recompute={recompute} />}
      {canManage && (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save site settings"}
          </Button>
        </div>
      )}
    </form>
  );
}

const count = (n: number) => n.toLocaleString("en");

/** How far working out every device's site again has got (it runs in the poll worker). */
export function RecomputeProgress({ recompute }: { recompute: NonNullable<SiteSettings["recompute"]> }) {
  if (recompute.status === "failed")
    return <Notice tone="error">Sites were not worked out again: {recompute.error?.message}</Notice>;
  if (recompute.status === "done") {
    const moved = (recompute.result as { devicesMoved?: number } | null)?.devicesMoved ?? 0;
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
        Sites worked out again: {count(moved)} device records moved site or state.
      </p>
    );
  }
  const { done = 0, total = 0 } = recompute.progress ?? {};
  return (
    <div role="status" className="flex max-w-md flex-col gap-1 text-sm">
      <span>
        {recompute.status === "pending"
          ? "Waiting for the poll worker to work out every device's site again…"
          : `Working out every device's site again: ${count(done)} of ${count(total)} devices…`}
      </span>
      <progress className="w-full" max={total || 1} value={done} aria-label="Sites worked out so far" />
    </div>
  );
}
