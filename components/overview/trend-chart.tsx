"use client";
// An inline SVG line chart (no chart library): a titled, described image, with the figures also
// available as a table for screen readers and keyboard users.
import { useId } from "react";
import { formatCount } from "@/components/ui/format";
import { linePath, niceMax, ticks } from "./chart-geometry";

export interface Series {
  label: string;
  /** Tailwind stroke classes (light and dark). */
  stroke: string;
  dash?: string;
  values: (number | null)[];
}

const W = 720;
const H = 190;
const M = { top: 10, right: 10, bottom: 24, left: 56 };

/** Axis labels in the trend's zone (the server's buckets start there), not the browser's. */
function tickLabel(at: Date, bucketMinutes: number, timeZone: string): string {
  if (bucketMinutes < 360) return at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", timeZone });
  return at.toLocaleDateString([], { day: "numeric", month: "short", timeZone });
}
const pointTime = (at: Date, timeZone: string) =>
  at.toLocaleString([], { dateStyle: "medium", timeStyle: "short", timeZone });

export function TrendChart({
  title,
  summary,
  times,
  series,
  bucketMinutes,
  timeZone,
}: {
  title: string;
  summary: string;
  times: string[];
  series: Series[];
  bucketMinutes: number;
  timeZone: string;
}) {
  const id = useId();
  const n = times.length;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const x = (i: number) => M.left + (n <= 1 ? 0 : (i / (n - 1)) * (W - M.left - M.right));
  const y = (v: number) => M.top + (1 - v / max) * (H - M.top - M.bottom);
  const every = Math.max(1, Math.round(n / 6));
  const dates = times.map((t) => new Date(t));

  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks(max).map((t) => (
          <g key={t}>
            <line
              x1={M.left}
              x2={W - M.right}
              y1={y(t)}
              y2={y(t)}
              className="stroke-slate-200 dark:stroke-slate-800"
              strokeWidth={1}
            />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {dates.map((d, i) =>
          i % every === 0 ? (
            <text
              // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positions on the time axis
              key={i}
              x={x(i)}
              y={H - 6}
              textAnchor={i === 0 ? "start" : "middle"}
              className="fill-slate-500 text-[11px]"
            >
              {tickLabel(d, bucketMinutes, timeZone)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <path
            key={s.label}
            d={linePath(s.values, x, y)}
            fill="none"
            strokeWidth={2}
            strokeDasharray={s.dash}
            strokeLinejoin="round"
            className={s.stroke}
          />
        ))}
        {dates.map((d, i) => (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positions on the time axis
            key={i}
            x={x(i) - (W - M.left - M.right) / Math.max(1, n - 1) / 2}
            y={M.top}
            width={(W - M.left - M.right) / Math.max(1, n - 1)}
            height={H - M.top - M.bottom}
            fill="transparent"
          >
            <title>{`${pointTime(d, timeZone)}: ${series.map((s) => `${s.label} ${s.values[i] === null ? "no data" : formatCount(s.values[i]!)}`).join(", ")}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {series.map((s) => (
          <span key={s.label} className="inline-flex items-center gap-1.5">
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" x2="22" y1="4" y2="4" strokeWidth={2} strokeDasharray={s.dash} className={s.stroke} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function TrendTable({
  caption,
  times,
  series,
  timeZone,
}: {
  caption: string;
  times: string[];
  series: Series[];
  timeZone: string;
}) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">Show the figures as a table</summary>
      <div className="max-h-72 overflow-y-auto">
        <table className="mt-2">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className="py-1">
                From
              </th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="text-right">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((t, i) => (
              <tr key={t} className="border-b border-slate-100 dark:border-slate-800/60">
                <td className="py-1">{pointTime(new Date(t), timeZone)}</td>
                {series.map((s) => (
                  <td key={s.label} className="text-right tabular-nums">
                    {s.values[i] === null ? "no data" : formatCount(s.values[i]!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
