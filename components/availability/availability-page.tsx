"use client";
// Availability: a month's registered share of phone-minutes per site and per source, worst
// first, and for the chosen one its worst hours and outages. Month and scope live in the URL, so
// the report is a link a manager forwards (with its CSV).
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/field";
import { csvLinkClass } from "@/components/ui/table-kit";
import { formatCount, viewerTimeZone } from "@/components/ui/format";
import { MONTH_PATTERN } from "@/lib/domain/availability";
import { availabilityApi, type AvailabilityReport } from "./api";
import { useAvailability } from "./use-availability";

const percent = (share: number | null) =>
  share === null ? "no data" : `${(share * 100).toFixed(share >= 0.9995 || share === 0 ? 1 : 2)} %`;
const duration = (minutes: number) =>
  minutes < 60
    ? `${minutes} min`
    : minutes < 1440
      ? `${Math.floor(minutes / 60)} h ${minutes % 60} min`
      : `${(minutes / 1440).toFixed(1)} days`;

function Detail({ report }: { report: AvailabilityReport }) {
  const { detail, timeZone } = report;
  const time = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <section
      aria-labelledby="detail-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="detail-heading" className="font-medium">
        {detail.name}: {percent(detail.available)} available
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {formatCount(Math.round(detail.phoneHours))} phone-hours over {formatCount(Math.round(detail.coveredHours))} of{" "}
        {formatCount(report.hoursInMonth)} hours sampled
        {detail.inFallback ? `; ${percent(detail.inFallback)} of the time in fallback on branch routers` : ""}.
      </p>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium">Worst hours</h3>
          {detail.worstHours.length === 0 ? (
            <p className="text-sm text-slate-500">Every sampled hour had every phone registered.</p>
          ) : (
            <table>
              <caption className="sr-only">The hours with the lowest registered share</caption>
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="col" className="py-1 pr-3">
                    Hour from
                  </th>
                  <th scope="col" className="py-1 text-right">
                    Registered
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.worstHours.map((h) => (
                  <tr key={h.at} className="border-b border-slate-100 dark:border-slate-800/60">
                    <td className="py-1 pr-3">{time(h.at)}</td>
                    <td className="py-1 text-right tabular-nums">{percent(h.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">Outages</h3>
          {detail.outages.length === 0 ? (
            <p className="text-sm text-slate-500">No outage this month.</p>
          ) : (
            <table>
              <caption className="sr-only">Outages within the month</caption>
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="col" className="py-1 pr-3">
                    From
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Lasted
                  </th>
                  <th scope="col" className="py-1">
                    What
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.outages.map((o) => (
                  <tr
                    key={`${o.startedAt}-${o.what}`}
                    className="border-b border-slate-100 align-top dark:border-slate-800/60"
                  >
                    <td className="py-1 pr-3">{time(o.startedAt)}</td>
                    <td className="py-1 pr-3 tabular-nums">
                      {duration(o.minutes)}
                      {o.endedAt === null && " (still going on)"}
                    </td>
                    <td className="py-1">{o.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}

export function AvailabilityPage({ thisMonth }: { thisMonth: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const month = MONTH_PATTERN.test(params.get("month") ?? "") ? params.get("month")! : thisMonth;
  const scope = params.get("scope") || "fleet";
  const query = { month, scope, timeZone: viewerTimeZone() };
  const report = useAvailability(query);
  const go = (next: { month?: string; scope?: string }) => {
    const search = new URLSearchParams({ month: next.month ?? month });
    const nextScope = next.scope ?? scope;
    if (nextScope !== "fleet") search.set("scope", nextScope);
    router.replace(`${pathname}?${search}`, { scroll: false });
  };
  const data = report.data;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-48">
          <TextField
            label="Month"
            type="month"
            value={month}
            onChange={(e) => MONTH_PATTERN.test(e.target.value) && go({ month: e.target.value })}
          />
        </div>
        <div className="flex items-center gap-3 text-sm">
          {data && <span className="text-slate-600 dark:text-slate-400">Days from midnight in {data.timeZone}</span>}
          <a href={availabilityApi.csvUrl(query)} download className={csvLinkClass}>
            Export CSV
          </a>
        </div>
      </div>
      {report.error && <Notice tone="error">{report.error.message}</Notice>}
      {!data && !report.error && <p className="text-sm text-slate-500">Loading the report…</p>}
      {data && data.rows.length === 0 && (
        <Notice>
          No registration was sampled in {month}. Linewatch samples the fleet every 5 minutes while it runs; the report
          fills in from the first hour on.
        </Notice>
      )}
      {data && data.rows.length > 0 && (
        <>
          <Detail report={data} />
          <table className="w-full table-fixed">
            <caption className="sr-only">Availability per site and per source in {month}, worst first</caption>
            <colgroup>
              <col className="w-[40%]" />
              <col className="w-[12%]" />
              <col className="w-[16%]" />
              <col className="w-[16%]" />
              <col className="w-[16%]" />
            </colgroup>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-2 pr-3">
                  Site or source
                </th>
                <th scope="col" className="py-2 pr-3">
                  Kind
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Available
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  In fallback
                </th>
                <th scope="col" className="py-2 text-right">
                  Phone-hours
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr
                  key={r.scope}
                  aria-current={r.scope === scope ? "true" : undefined}
                  className={`border-b border-slate-100 dark:border-slate-800/60 ${r.scope === scope ? "bg-sky-50 dark:bg-sky-950" : ""}`}
                >
                  <td className="truncate py-2 pr-3" title={r.name}>
                    <Link
                      href={`${pathname}?${new URLSearchParams({ month, ...(r.scope === "fleet" ? {} : { scope: r.scope }) })}`}
                      className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                      scroll={false}
                    >
                      {r.name}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{r.kind === "fleet" ? "Fleet" : r.kind === "site" ? "Site" : "Source"}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{percent(r.available)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{r.inFallback ? percent(r.inFallback) : "—"}</td>
                  <td className="py-2 text-right tabular-nums">{formatCount(Math.round(r.phoneHours))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
