"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { viewerTimeZone } from "@/components/ui/format";
import { RefreshHint } from "@/components/ui/table-kit";
import { trendRangeLabels as rangeLabels, trendRanges, type TrendRange } from "@/lib/domain/trend";
import { SelectField } from "@/components/ui/field";
import { useOverview } from "./use-overview";
import { FleetCards } from "./fleet-cards";
import { SourceBanner } from "./source-banner";
import { TrendSection } from "./trend-section";
import { ProblemLists } from "./problem-lists";
import { CountsTable, SourcesTable } from "./count-tables";
import { SiteEvents } from "./site-events";
import { OpenAlertsCard } from "@/components/alerts/open-alerts-card";

export function OverviewPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range = trendRanges.find((r) => r === params.get("range")) ?? "24h";
  const scope = params.get("scope") || "fleet";
  const overview = useOverview({ range, scope, timeZone: viewerTimeZone() });
  const go = (next: { range?: TrendRange; scope?: string }) => {
    const search = new URLSearchParams();
    const nextRange = next.range ?? range;
    const nextScope = next.scope ?? scope;
    if (nextRange !== "24h") search.set("range", nextRange);
    if (nextScope !== "fleet") search.set("scope", nextScope);
    router.replace(search.size ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  const setRange = (next: TrendRange) => go({ range: next });
  const data = overview.data;
  const scopes = [
    { value: "fleet", label: "Whole fleet" },
    ...(data?.bySite ?? []).filter((s) => s.site).map((s) => ({ value: `site:${s.site}`, label: `Site ${s.site}` })),
    ...(data?.sources ?? []).map((s) => ({ value: `source:${s.id}`, label: s.name })),
  ];
  if (!scopes.some((s) => s.value === scope)) scopes.push({ value: scope, label: scope });
  const scopeLabel = scopes.find((s) => s.value === scope)!.label;

  return (
    <div className="flex flex-col gap-5">
      {overview.error && <Notice tone="error">{overview.error.message}</Notice>}
      {data && <SourceBanner sources={data.sources} />}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <fieldset className="flex items-center gap-1 text-sm">
          <legend className="sr-only">Trend period</legend>
          <span aria-hidden="true" className="mr-1 text-slate-600 dark:text-slate-400">
            Period
          </span>
          {trendRanges.map((r) => (
            <label
              key={r}
              className={`cursor-pointer rounded-md border px-2.5 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600 ${r === range ? "border-sky-600 bg-sky-50 font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-100" : "border-slate-300 dark:border-slate-700"}`}
            >
              <input
                type="radio"
                name="trend-range"
                value={r}
                checked={r === range}
                onChange={() => setRange(r)}
                className="sr-only"
              />
              {rangeLabels[r]}
            </label>
          ))}
        </fieldset>
        <div className="w-64">
          <SelectField
            label="Trend for"
            value={scope}
            onChange={(e) => go({ scope: e.target.value })}
            options={scopes}
          />
        </div>
        <RefreshHint fetching={overview.isFetching} label="Refreshing…" />
        {data && (
          <p className="text-xs text-slate-500">
            Figures as of {new Date(data.generatedAt).toLocaleTimeString()}; refreshed every 30 s.
          </p>
        )}
      </div>
      {!data && !overview.error && <p className="text-sm text-slate-500">Loading the overview…</p>}
      {data && (
        <>
          <OpenAlertsCard />
          <SiteEvents events={data.siteEvents} />
          <FleetCards fleet={data.fleet} kinds={data.kinds} />
          {data.fleet.total === 0 && (
            <Notice>
              No phones have been reported yet. Figures appear after the first successful poll of a source.
            </Notice>
          )}
          <TrendSection trend={data.trend} rangeLabel={rangeLabels[range]} scopeLabel={scopeLabel} />
          <ProblemLists data={data} rangeLabel={rangeLabels[range]} />
          <CountsTable
            title="By site"
            caption="Registration per site"
            rows={data.bySite.map((s) => ({
              key: s.site,
              label: s.site || "No site",
              href: s.site ? `/phones?site=${encodeURIComponent(s.site)}` : undefined,
              counts: s.counts,
              total: s.total,
            }))}
          />
          <SourcesTable bySource={data.bySource} sources={data.sources} />
          <details className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <summary className="cursor-pointer text-sm font-medium">By model and protocol</summary>
            <div className="mt-3 grid grid-cols-1 gap-4 xl:grid-cols-2">
              <CountsTable
                title="By model"
                caption="Registration per model"
                rows={data.byModel.map((m) => ({
                  key: m.model,
                  label: m.model || "Unknown model",
                  href: m.model ? `/phones?model=${encodeURIComponent(m.model)}` : undefined,
                  counts: m.counts,
                  total: m.total,
                }))}
              />
              <CountsTable
                title="By protocol"
                caption="Registration per protocol"
                rows={data.byProtocol.map((p) => ({
                  key: p.protocol,
                  label: p.protocol || "Unknown protocol",
                  href: p.protocol ? `/phones?protocol=${encodeURIComponent(p.protocol)}` : undefined,
                  counts: p.counts,
                  total: p.total,
                }))}
              />
            </div>
          </details>
        </>
      )}
    </div>
  );
}
