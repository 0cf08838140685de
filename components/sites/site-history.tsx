"use client";
// A site's outage history (or every site's): what happened, when, for how long.
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { formatTime } from "@/components/ui/format";
import { useSiteEvents } from "./use-sites";

export function SiteHistory({ site }: { site: string | undefined }) {
  const events = useSiteEvents(site);
  return (
    <section aria-labelledby="site-history-heading" className="flex flex-col gap-2">
      <h2 id="site-history-heading" className="font-medium">
        {site ? `Outages at ${site}` : "Site outages"}, last 30 days
      </h2>
      {events.error && <Notice tone="error">{events.error.message}</Notice>}
      {events.data && events.data.items.length === 0 && (
        <p className="text-sm text-slate-500">No site lost many phones at once in the last 30 days.</p>
      )}
      {events.data && events.data.items.length > 0 && (
        <table>
          <caption className="sr-only">Site outages, newest first</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th scope="col" className="py-2 pr-3">
                Site
              </th>
              <th scope="col" className="pr-3">
                Began
              </th>
              <th scope="col" className="pr-3">
                Lasted
              </th>
              <th scope="col" className="pr-3">
                What happened
              </th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top text-sm dark:border-slate-800/60">
                <th scope="row" className="py-2 pr-3 font-normal">
                  {e.site}
                </th>
                <td className="pr-3">
                  <time dateTime={e.startedAt}>{formatTime(e.startedAt)}</time>
                </td>
                <td className="pr-3">{e.endedAt ? `${e.durationMinutes} min` : <Badge tone="bad">Ongoing</Badge>}</td>
                <td className="pr-3">{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
