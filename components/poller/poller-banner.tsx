"use client";
// The banner every page shows while polling does not keep up: no poll worker beats (down), or
// polls stay overdue (behind). What people see is then older than it looks, so they are told.
import { Notice } from "@/components/ui/notice";
import { formatAgo, formatTime } from "@/components/ui/format";
import type { PollerStatus } from "./api";
import { usePoller } from "./use-poller";

export function PollerBanner() {
  const poller = usePoller();
  return poller.data ? <PollerNotice status={poller.data} /> : null;
}

export function PollerNotice({ status, now = Date.now() }: { status: PollerStatus; now?: number }) {
  if (status.state === "ok" || status.enabledSources === 0) return null;
  if (status.state === "down")
    return (
      <Notice tone="error">
        <strong>Polling has stopped.</strong>{" "}
        {status.lastBeatAt
          ? `No poll worker has reported since ${formatTime(status.lastBeatAt)} (${formatAgo(status.lastBeatAt, now)}).`
          : "No poll worker is running."}{" "}
        Phones show what was last polled, and turn unknown as their sources go stale. An admin can start the worker (it
        runs with npm start, or alone with npm run linewatch -- worker).
      </Notice>
    );
  const { count, oldestDueAt } = status.overdue;
  return (
    <Notice tone="warning">
      <strong>Polling is behind:</strong> {count} {count === 1 ? "source is" : "sources are"} overdue
      {oldestDueAt ? `, the oldest since ${formatTime(oldestDueAt)} (${formatAgo(oldestDueAt, now)})` : ""}. What you
      see may be older than its poll interval.
    </Notice>
  );
}
