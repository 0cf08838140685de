// What needs attention: why phones are not registered, which sources lost the most phones, and
// which phones keep changing state.
import Link from "next/link";
import { formatAgo, formatCount, formatTime } from "@/components/ui/format";
import { RegistrationBadge } from "@/components/phones/status-badge";
import type { Overview } from "./api";

function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={id} className="mb-2 font-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

const none = (text: string) => <p className="text-sm text-slate-500">{text}</p>;

export function ProblemLists({ data, rangeLabel }: { data: Overview; rangeLabel: string }) {
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
      <Panel id="reasons-heading" title="Not registered, by reason">
        {data.notRegistered.length === 0 ? (
          none("Every phone is registered.")
        ) : (
          <ul className="flex flex-col gap-1.5 text-sm">
            {data.notRegistered.slice(0, 12).map((r) => (
              <li key={`${r.status}-${r.reason}`} className="flex items-start justify-between gap-2">
                <span className="flex min-w-0 flex-col">
                  <span className="truncate" title={r.reason}>
                    {r.reason}
                  </span>
                  <span>
                    <RegistrationBadge status={r.status} />
                  </span>
                </span>
                <Link
                  href={`/phones?status=${r.status}&reason=${encodeURIComponent(r.storedReason)}`}
                  className="shrink-0 tabular-nums underline-offset-2 hover:underline"
                  aria-label={`${formatCount(r.count)} ${r.status} phones: ${r.reason}. Show these phones`}
                >
                  {formatCount(r.count)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel id="drops-heading" title={`Biggest drops, last ${rangeLabel}`}>
        {data.drops.length === 0 ? (
          none("No source has fewer registered phones than earlier in this period.")
        ) : (
          <ul className="flex flex-col gap-1.5 text-sm">
            {data.drops.map((d) => (
              <li key={d.sourceId} className="flex items-baseline justify-between gap-2">
                <span className="min-w-0">
                  <Link
                    href={`/phones?source=${encodeURIComponent(d.sourceId)}&status=unregistered`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {d.name}
                  </Link>
                  {d.site && <span className="text-slate-500"> · {d.site}</span>}
                  <span className="block text-xs text-slate-500">
                    {formatCount(d.peak)} registered at {formatTime(d.peakAt)}, {formatCount(d.current)} now
                  </span>
                </span>
                <span className="shrink-0 font-medium text-red-700 tabular-nums dark:text-red-400">
                  −{formatCount(d.drop)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel id="flapping-heading" title={`Flapping phones, last ${rangeLabel}`}>
        {data.flapping.length === 0 ? (
          none("No phone changed state three times or more.")
        ) : (
          <ul className="flex flex-col gap-1.5 text-sm">
            {data.flapping.map((f) => (
              <li key={`${f.sourceId}-${f.name}`} className="flex items-baseline justify-between gap-2">
                <span className="min-w-0">
                  <Link
                    href={`/phones/${encodeURIComponent(f.name)}`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {f.name}
                  </Link>
                  <span className="text-slate-500"> on {f.sourceName}</span>
                  <span className="block text-xs text-slate-500">
                    last change {formatAgo(f.lastChangeAt)}{" "}
                    {f.registrationStatus && (
                      <>
                        · now <RegistrationBadge status={f.registrationStatus} />
                      </>
                    )}
                  </span>
                </span>
                <span className="shrink-0 tabular-nums">{formatCount(f.changes)} changes</span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
