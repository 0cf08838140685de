"use client";
// "Refresh now" on the phone page: reads this phone again from each source (one router request or
// one RisPort lookup each) and says per source what came back.
import { Button } from "@/components/ui/button";
import type { PhoneRefresh } from "./api";
import { useRefreshPhone } from "./use-phones";

type Result = PhoneRefresh["results"][number];

const clockTime = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** One line per source, e.g. "Demo cluster: updated — 11 requests left this minute". */
export function refreshLine(result: Result): string {
  switch (result.outcome) {
    case "budget-spent":
      return `${result.sourceName}: budget spent${result.budget?.nextSlotAt ? `, next slot at ${clockTime(result.budget.nextSlotAt)}` : ""}`;
    case "not-found":
      return `${result.sourceName}: not found — ${result.message}`;
    case "failed":
      return `${result.sourceName}: failed — ${result.message}`;
    default:
      return `${result.sourceName}: ${result.message}`;
  }
}

export function RefreshPhoneButton({ name }: { name: string }) {
  const refresh = useRefreshPhone(name);
  return (
    <div className="flex flex-col gap-1">
      <Button variant="secondary" onClick={() => refresh.mutate()} disabled={refresh.isPending} className="self-start">
        {refresh.isPending ? "Refreshing…" : "Refresh now"}
      </Button>
      {refresh.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {refresh.error.message}
        </p>
      )}
      {refresh.data && (
        <ul aria-label="Refresh results" className="text-sm">
          {refresh.data.results.map((result) => (
            <li key={result.sourceId} role="status">
              {refreshLine(result)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
