// The fleet at a glance: how many phones are in each state, and what share of the fleet that is.
import Link from "next/link";
import { formatCount, formatShare } from "@/components/ui/format";
import type { Overview } from "./api";

const cards = [
  { key: "registered", status: "registered", label: "Registered", tone: "text-emerald-700 dark:text-emerald-400" },
  { key: "unregistered", status: "unregistered", label: "Unregistered", tone: "text-red-700 dark:text-red-400" },
  { key: "rejected", status: "rejected", label: "Rejected", tone: "text-orange-700 dark:text-orange-400" },
  {
    key: "partiallyRegistered",
    status: "partially-registered",
    label: "Partially registered",
    tone: "text-amber-700 dark:text-amber-400",
  },
  { key: "inFallback", status: "in-fallback", label: "In fallback (SRST)", tone: "text-amber-700 dark:text-amber-400" },
] as const;

export function FleetCards({ fleet }: { fleet: Overview["fleet"] }) {
  return (
    <section aria-labelledby="fleet-heading">
      <h2 id="fleet-heading" className="sr-only">
        The fleet now
      </h2>
      <ul className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        {cards.map((c) => (
          <li key={c.key}>
            <Link
              href={`/phones?status=${c.status}`}
              className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-sky-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-700"
            >
              <div className="text-sm text-slate-600 dark:text-slate-400">{c.label}</div>
              <div className={`text-2xl font-semibold tabular-nums ${c.tone}`}>{formatCount(fleet.counts[c.key])}</div>
              <div className="text-xs text-slate-500 tabular-nums">
                {formatShare(fleet.counts[c.key], fleet.total)} of {formatCount(fleet.total)} phones
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {fleet.counts.unknown > 0 && (
        <p className="mt-2 text-xs text-slate-500">
          {formatCount(fleet.counts.unknown)} phones ({formatShare(fleet.counts.unknown, fleet.total)}) are in an
          unknown state.
        </p>
      )}
    </section>
  );
}
