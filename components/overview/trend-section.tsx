"use client";
// Registered and not-registered phones over the period, each on its own scale so a few hundred
// unregistered phones are not flattened against tens of thousands registered.
import type { Overview } from "./api";
import { TrendChart, TrendTable, type Series } from "./trend-chart";
import { describeSeries } from "./summaries";

export function TrendSection({
  trend,
  rangeLabel,
  scopeLabel,
}: {
  trend: Overview["trend"];
  rangeLabel: string;
  scopeLabel: string;
}) {
  const times = trend.points.map((p) => p.at);
  const value = (key: "registered" | "inFallback" | "unregistered" | "rejected" | "partiallyRegistered") =>
    trend.points.map((p) => (p.sampled ? p[key] : null));
  const registered: Series[] = [
    { label: "Registered", stroke: "stroke-emerald-600 dark:stroke-emerald-400", values: value("registered") },
  ];
  const problems: Series[] = [
    {
      label: "In fallback",
      stroke: "stroke-sky-600 dark:stroke-sky-400",
      dash: "1 3",
      values: value("inFallback"),
    },
    { label: "Unregistered", stroke: "stroke-red-600 dark:stroke-red-400", values: value("unregistered") },
    { label: "Rejected", stroke: "stroke-orange-600 dark:stroke-orange-400", dash: "6 3", values: value("rejected") },
    {
      label: "Partially registered",
      stroke: "stroke-amber-500 dark:stroke-amber-300",
      dash: "2 3",
      values: value("partiallyRegistered"),
    },
  ];
  const every =
    trend.bucketMinutes >= 1440
      ? "day"
      : trend.bucketMinutes >= 60
        ? `${trend.bucketMinutes / 60} hours`
        : `${trend.bucketMinutes} minutes`;
  const empty = trend.points.every((p) => !p.sampled);
  return (
    <section
      aria-labelledby="trend-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="trend-heading" className="font-medium">
        {scopeLabel}: trend over the last {rangeLabel}
      </h2>
      <p className="mb-3 text-xs text-slate-500">
        Phones only. Each point is the state at the end of its {every === "1 hours" ? "hour" : every}, the last one now;
        times in {trend.timeZone}. Gaps mean Linewatch was not running.
      </p>
      {empty ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No phones recorded in this period yet.</p>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <TrendChart
              title={`Registered phones, ${scopeLabel}, last ${rangeLabel}`}
              summary={describeSeries("Registered", registered[0]!.values)}
              times={times}
              series={registered}
              bucketMinutes={trend.bucketMinutes}
              timeZone={trend.timeZone}
            />
            <TrendChart
              title={`Phones not registered, ${scopeLabel}, last ${rangeLabel}`}
              summary={problems.map((s) => describeSeries(s.label, s.values)).join(" ")}
              times={times}
              series={problems}
              bucketMinutes={trend.bucketMinutes}
              timeZone={trend.timeZone}
            />
          </div>
          <TrendTable
            caption={`Registration per period, last ${rangeLabel}`}
            times={times}
            series={[...registered, ...problems]}
            timeZone={trend.timeZone}
          />
        </>
      )}
    </section>
  );
}
