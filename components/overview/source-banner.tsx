// A banner naming every source whose figures cannot be trusted right now: failing or stale.
import Link from "next/link";
import { formatAgo } from "@/components/ui/format";
import type { Overview } from "./api";

export function SourceBanner({ sources }: { sources: Overview["sources"] }) {
  const failing = sources.filter((s) => s.state === "failing");
  const stale = sources.filter((s) => s.state === "stale");
  if (failing.length === 0 && stale.length === 0) return null;
  const problems = [...failing, ...stale];
  return (
    <div
      role={failing.length ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm ${failing.length ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"}`}
    >
      <p className="font-medium">
        {failing.length > 0 && `${failing.length} ${failing.length === 1 ? "source is" : "sources are"} failing`}
        {failing.length > 0 && stale.length > 0 && " and "}
        {stale.length > 0 && `${stale.length} ${stale.length === 1 ? "source is" : "sources are"} stale`}: their phones
        may show an old state.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((s) => (
          <li key={s.id}>
            <Link
              href={`/phones?source=${encodeURIComponent(s.id)}`}
              className="font-medium underline-offset-2 hover:underline"
            >
              {s.name}
            </Link>
            {s.site && ` (${s.site})`}: {s.problem} Last successful poll {formatAgo(s.lastSuccessAt)}.
          </li>
        ))}
      </ul>
    </div>
  );
}
