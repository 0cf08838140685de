"use client";
// Registered and not-registered phones over the period, each on its own scale so a few hundred
// unregistered phones are not flattened against tens of thousands registered.
import type { Overview } from "./api";
import { TrendChart, TrendTable, type Series } from "./trend-chart";
import { describeSeries } from "./summaries";

export function TrendSection({ trend, rangeLabel }: { trend: Overview["trend"]; rangeLabel: string }) {
  const times = trend.points.map((p) => p.at);
  const value = (key: "registered" | "unregistered" | "rejected" | "partiallyRegistered") =>
    trend.points.map((p) => (p.sources === 0 ? null : p[key]));
  const registered: Series[] = [
    { label: "Registered", stroke: "stroke-emerald-600 dark:stroke-emerald-400", values: value("registered") },
  ];
  const problems: Series[] = [
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
  const empty = trend.points.every((p) => p.sources === 0);
  return (
    <section
      aria-labelledby="trend-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="trend-heading" className="font-medium">
        Trend over the last {rangeLabel}
      </h2>
      <p className="mb-3 text-xs text-slate-500">
        Each point sums the latest poll of every source in that {every === "1 hours" ? "hour" : every}. Gaps mean no
        source reported.
      </p>
      {empty ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No polls recorded in this period yet.</p>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <TrendChart
              title={`Registered phones, last ${rangeLabel}`}
              summary={describeSeries("Registered", registered[0]!.values)}
              times={times}
              series={registered}
              bucketMinutes={trend.bucketMinutes}
            />
            <TrendChart
              title={`Phones not registered, last ${rangeLabel}`}
              summary={problems.map((s) => describeSeries(s.label, s.values)).join(" ")}
              times={times}
              series={problems}
              bucketMinutes={trend.bucketMinutes}
            />
          </div>
          <TrendTable
            caption={`Registration per period, last ${rangeLabel}`}
            times={times}
            series={[...registered, ...problems]}
          />
        </>
      )}
    </section>
  );
}
