"use client";
// The poll workers behind the Sources page: each one's host, process, last heartbeat and the polls
// it runs, so an admin sees which worker is alive and whether polling keeps up.
import { formatAgo } from "@/components/ui/format";
import type { PollerStatus } from "./api";
import { usePoller } from "./use-poller";

export function WorkersPanel() {
  const poller = usePoller();
  return poller.data ? <WorkersTable status={poller.data} /> : null;
}

export function WorkersTable({ status, now = Date.now() }: { status: PollerStatus; now?: number }) {
  const summary =
    status.state === "ok"
      ? "Polling keeps up."
      : status.state === "down"
        ? "No poll worker is running."
        : `${status.overdue.count} overdue ${status.overdue.count === 1 ? "poll" : "polls"}.`;
  return (
    <section aria-labelledby="workers-heading" className="flex flex-col gap-2 text-sm">
      <h2 id="workers-heading" className="font-medium">
        Poll workers
      </h2>
      <p className="text-slate-600 dark:text-slate-400">
        {summary}{" "}
        {status.mode === "inline"
          ? "The web server polls itself (LINEWATCH_WORKER=inline)."
          : "Workers run beside the web server and share the sources through leases."}
      </p>
      {status.workers.length > 0 && (
        <table className="w-full max-w-3xl text-left">
          <thead>
            <tr className="text-xs text-slate-500">
              <th className="py-1 font-medium">Worker</th>
              <th className="py-1 font-medium">State</th>
              <th className="py-1 font-medium">Last heartbeat</th>
              <th className="py-1 font-medium">Polls running</th>
            </tr>
          </thead>
          <tbody>
            {status.workers.map((w) => (
              <tr key={w.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 font-mono text-xs">
                  {w.host} · process {w.pid}
                </td>
                <td className="py-1">{w.alive ? "Running" : "Not reporting"}</td>
                <td className="py-1">{formatAgo(w.beatAt, now)}</td>
                <td className="py-1">{w.alive ? w.polling : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
