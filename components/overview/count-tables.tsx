// Registration per site, model or protocol, and per source with when it was last polled.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatAgo, formatCount, formatShare, formatTime } from "@/components/ui/format";
import type { Overview, StatusCounts } from "./api";

/** A stacked bar of the states; the numbers beside it carry the meaning, the bar is decoration. */
function StatusBar({ counts, total }: { counts: StatusCounts; total: number }) {
  const parts = [
    { value: counts.registered, className: "bg-emerald-500" },
    { value: counts.partiallyRegistered, className: "bg-amber-400" },
    { value: counts.inFallback ?? 0, className: "bg-sky-500" },
    { value: counts.rejected, className: "bg-orange-500" },
    { value: counts.unregistered, className: "bg-red-500" },
    { value: counts.unknown, className: "bg-slate-400" },
    { value: counts.notSeen ?? 0, className: "bg-amber-700" },
    { value: counts.neverRegistered ?? 0, className: "bg-slate-500" },
  ];
  return (
    <div aria-hidden="true" className="flex h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
      {total > 0 &&
        parts.map((p, i) =>
          // biome-ignore lint/suspicious/noArrayIndexKey: the segments are a fixed sequence of statuses
          p.value > 0 ? <div key={i} className={p.className} style={{ width: `${(p.value / total) * 100}%` }} /> : null,
        )}
    </div>
  );
}

/** Columns only clusters with AXL fill: a table shows them when a row has any, so others look as before. */
const configuredColumns = [
  { key: "neverRegistered", status: "never-registered", header: "Never registered" },
  { key: "notSeen", status: "not-seen", header: "Not seen" },
] as const;
type ConfiguredColumn = (typeof configuredColumns)[number];

const columnsFor = (rows: readonly { counts: StatusCounts }[]): ConfiguredColumn[] =>
  configuredColumns.filter((c) => rows.some((r) => (r.counts[c.key] ?? 0) > 0));

function CountCells({
  counts,
  total,
  configured = [],
  href,
}: {
  counts: StatusCounts;
  total: number;
  configured?: readonly ConfiguredColumn[];
  /** The row's phones list; a configured count links to it narrowed to that status. */
  href?: string;
}) {
  return (
    <>
      <td className="py-1.5 text-right tabular-nums">{formatCount(total)}</td>
      <td className="text-right tabular-nums">{formatShare(counts.registered, total)}</td>
      <td className="text-right tabular-nums">{formatCount(counts.unregistered)}</td>
      <td className="text-right tabular-nums">{formatCount(counts.rejected)}</td>
      <td className="text-right tabular-nums">{formatCount(counts.partiallyRegistered)}</td>
      <td className="text-right tabular-nums">
        {counts.inFallback === undefined ? "—" : formatCount(counts.inFallback)}
      </td>
      {configured.map((c) => {
        const count = counts[c.key] ?? 0;
        return (
          <td key={c.key} className="text-right tabular-nums">
            {href && count > 0 ? (
              <Link
                href={`${href}${href.includes("?") ? "&" : "?"}status=${c.status}`}
                className="underline-offset-2 hover:underline"
              >
                {formatCount(count)}
              </Link>
            ) : (
              formatCount(count)
            )}
          </td>
        );
      })}
      <td className="w-40 pl-3">
        <StatusBar counts={counts} total={total} />
      </td>
    </>
  );
}

const countHeaders = (configured: readonly ConfiguredColumn[] = []) => (
  <>
    <th scope="col" className="py-2 text-right">
      Phones
    </th>
    <th scope="col" className="text-right">
      Registered
    </th>
    <th scope="col" className="text-right">
      Unregistered
    </th>
    <th scope="col" className="text-right">
      Rejected
    </th>
    <th scope="col" className="text-right">
      Partially
    </th>
    <th scope="col" className="text-right">
      In fallback
    </th>
    {configured.map((c) => (
      <th key={c.key} scope="col" className="text-right">
        {c.header}
      </th>
    ))}
    <th scope="col" className="pl-3">
      <span className="sr-only">Share by state</span>
    </th>
  </>
);

export function CountsTable({
  title,
  caption,
  rows,
}: {
  title: string;
  caption: string;
  rows: { key: string; label: string; href?: string; counts: StatusCounts; total: number }[];
}) {
  const id = `counts-${title.toLowerCase().replace(/\W+/g, "-")}`;
  const configured = columnsFor(rows);
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-1 font-medium">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No phones yet.</p>
      ) : (
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className="py-2">
                {title.replace(/^By /, "").replace(/^\w/, (c) => c.toUpperCase())}
              </th>
              {countHeaders(configured)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-b border-slate-100 dark:border-slate-800/60">
                <th scope="row" className="py-1.5 font-normal text-slate-900 dark:text-slate-100">
                  {r.href ? (
                    <Link href={r.href} className="underline-offset-2 hover:underline">
                      {r.label}
                    </Link>
                  ) : (
                    r.label
                  )}
                </th>
                <CountCells counts={r.counts} total={r.total} configured={configured} href={r.href} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const stateBadge = {
  ok: { tone: "good", label: "OK" },
  stale: { tone: "warn", label: "Stale" },
  failing: { tone: "bad", label: "Failing" },
  waiting: { tone: "neutral", label: "Waiting for first poll" },
  disabled: { tone: "neutral", label: "Disabled" },
} as const;

/** An SRST router in normal times: none of its phones registered to it, all of them on their cluster. */
const isStandby = (s: Overview["bySource"][number]) =>
  s.kind === "cme" && s.total > 0 && s.counts.registered === 0 && s.standby === s.total;

export function SourcesTable({ bySource, sources }: { bySource: Overview["bySource"]; sources: Overview["sources"] }) {
  const state = new Map(sources.map((s) => [s.id, s]));
  return (
    <section aria-labelledby="counts-by-source">
      <h2 id="counts-by-source" className="mb-1 font-medium">
        By source
      </h2>
      <table>
        <caption className="sr-only">Registration per source, with poll state</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="py-2">
              Source
            </th>
            <th scope="col">Last polled</th>
            <th scope="col">Poll state</th>
            {countHeaders()}
          </tr>
        </thead>
        <tbody>
          {bySource.map((s) => {
            const poll = state.get(s.sourceId);
            const badge = poll ? stateBadge[poll.state] : null;
            return (
              <tr key={s.sourceId} className="border-b border-slate-100 dark:border-slate-800/60">
                <th scope="row" className="py-1.5 font-normal text-slate-900 dark:text-slate-100">
                  <Link
                    href={`/phones?source=${encodeURIComponent(s.sourceId)}`}
                    className="underline-offset-2 hover:underline"
                  >
                    {s.name}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {s.kind === "cucm" ? "Cluster" : "Router"}
                    {s.site ? ` · ${s.site}` : ""}
                  </span>
                </th>
                <td
                  className="text-xs"
                  title={
                    poll
                      ? `Last attempt ${formatTime(poll.lastAttemptAt)}; last success ${formatTime(poll.lastSuccessAt)}`
                      : undefined
                  }
                >
                  {poll ? formatAgo(poll.lastSuccessAt) : "—"}
                  {poll && poll.consecutiveFailures > 0 && (
                    <span className="block text-slate-500">{poll.consecutiveFailures} failed since</span>
                  )}
                </td>
                <td>{badge && <Badge tone={badge.tone}>{badge.label}</Badge>}</td>
                {isStandby(s) ? (
                  <>
                    <td className="py-1.5 text-right tabular-nums">{formatCount(s.total)}</td>
                    <td colSpan={6} className="text-sm text-slate-600 dark:text-slate-400">
                      <Badge>Standby</Badge> no phones in fallback: its {formatCount(s.total)} phones are registered to
                      their cluster
                    </td>
                  </>
                ) : (
                  <CountCells counts={s.counts} total={s.total} />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
