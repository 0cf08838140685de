"use client";
// The overview's "open alerts" card: how many are firing, the most recent few, a link to the page.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { useAlerts } from "./use-alerts";

export function OpenAlertsCard() {
  const open = useAlerts({ state: "open", page: 1 });
  if (!open.data) return null;
  const items = open.data.items;
  return (
    <section
      aria-labelledby="open-alerts-card"
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="open-alerts-card" className="flex items-center gap-2 font-medium">
        Open alerts {items.length > 0 ? <Badge tone="bad">{open.data.total}</Badge> : <Badge tone="good">none</Badge>}
      </h2>
      {items.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1 text-sm">
          {items.slice(0, 5).map((a) => (
            <li key={a.id}>
              {a.summary}
              {a.acknowledged ? " (acknowledged)" : ""}
            </li>
          ))}
        </ul>
      )}
      <Link href="/alerts" className="mt-2 inline-block text-sm text-sky-700 underline dark:text-sky-300">
        All alerts
      </Link>
    </section>
  );
}
