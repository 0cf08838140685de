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

/** Only clusters with AXL have these: shown when there are any, so other fleets look as before. */
const configuredCards = [
  {
    key: "neverRegistered",
    status: "never-registered",
    label: "Never registered",
    tone: "text-slate-700 dark:text-slate-300",
  },
  { key: "notSeen", status: "not-seen", label: "Not seen", tone: "text-amber-700 dark:text-amber-400" },
] as const;

const gridColumns: Record<number, string> = { 5: "lg:grid-cols-5", 6: "lg:grid-cols-6", 7: "lg:grid-cols-7" };

/** Desk phones and soft clients apart (Jabber signs off every evening), and what the counts leave out. */
function Kinds({ kinds }: { kinds: Overview["kinds"] }) {
  const { deskPhones, softClients, infrastructure } = kinds;
  const down = infrastructure.total - infrastructure.counts.registered;
  const link = "underline-offset-2 hover:underline";
  return (
    <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
      <Link href="/phones?class=desk-phones" className={link}>
        Desk phones {formatShare(deskPhones.counts.registered, deskPhones.total)} registered
      </Link>
      {softClients.total > 0 && (
        <>
          <span aria-hidden="true">·</span>
          <Link href="/phones?class=soft-clients" className={link}>
            Soft clients {formatShare(softClients.counts.registered, softClients.total)} signed in
          </Link>
        </>
      )}
      {infrastructure.total > 0 && (
        <>
          <span aria-hidden="true">·</span>
          <Link href="/infrastructure" className={link}>
            Infrastructure: {down === 0 ? "all" : `${formatCount(down)} of`} {formatCount(infrastructure.total)}{" "}
            {down === 0 ? "trunks, gateways and media resources registered" : "not registered"}
          </Link>
        </>
      )}
    </p>
  );
}

export function FleetCards({ fleet, kinds }: { fleet: Overview["fleet"]; kinds?: Overview["kinds"] }) {
  const shown = [...cards, ...configuredCards.filter((c) => fleet.counts[c.key] > 0)];
  return (
    <section aria-labelledby="fleet-heading">
      <h2 id="fleet-heading" className="sr-only">
        The fleet now
      </h2>
      <ul className={`grid grid-cols-2 gap-3 ${gridColumns[shown.length]}`}>
        {shown.map((c) => (
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
      {kinds && <Kinds kinds={kinds} />}
      {fleet.counts.unknown > 0 && (
        <p className="mt-2 text-xs text-slate-500">
          <Link href="/phones?status=unknown" className="underline underline-offset-2">
            {formatCount(fleet.counts.unknown)} phones ({formatShare(fleet.counts.unknown, fleet.total)}) are in an
            unknown state
          </Link>
          : their source could not say (RisPort answered Unknown, or a router reported no status), or no source has
          polled them successfully since they were last seen.
        </p>
      )}
    </section>
  );
}
