// Site-outage hints: one line per branch that lost many phones at once ("38 of 41 phones left
// registration at 10:02; 35 now in fallback on leeds-srst") instead of a wall of phone changes.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatTime } from "@/components/ui/format";
import type { SiteEvent } from "./api";

export function SiteEvents({ events }: { events: SiteEvent[] }) {
  if (events.length === 0) return null;
  const open = events.filter((e) => !e.endedAt);
  return (
    <section
      aria-labelledby="site-events-heading"
      className={`rounded-lg border p-4 ${open.length > 0 ? "border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/40" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}
    >
      <h2 id="site-events-heading" className="mb-2 font-medium">
        Site outages{open.length > 0 ? ` (${open.length} ongoing)` : ""}
      </h2>
      <ul className="flex flex-col gap-2 text-sm">
        {events.map((e) => (
          <li key={e.id} className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            {e.endedAt ? <Badge tone="neutral">Recovered</Badge> : <Badge tone="bad">Ongoing</Badge>}
            <span>{e.summary}</span>
            <time dateTime={e.startedAt} className="text-xs text-slate-500">
              {formatTime(e.startedAt)}
            </time>
            {!e.endedAt && e.inFallback > 0 && (
              <Link
                href={`/phones?site=${encodeURIComponent(e.site)}&status=in-fallback`}
                className="text-sky-800 underline underline-offset-2 dark:text-sky-300"
              >
                Phones in fallback
              </Link>
            )}
            <Link
              href={`/sites?site=${encodeURIComponent(e.site)}`}
              className="text-xs text-slate-600 underline underline-offset-2 dark:text-slate-400"
            >
              Site history
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
