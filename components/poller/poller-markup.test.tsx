// Server-renders the poll workers' banner and panel from a status: quiet when polling keeps up,
// "stopped" with the last heartbeat when no worker beats, "behind" with the overdue count.
import { expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { PollerNotice } from "./poller-banner";
import { WorkersTable } from "./workers-panel";
import type { PollerStatus } from "./api";

const now = Date.parse("2026-12-04T12:00:00Z");
const worker = {
  id: "vm:42:ab",
  host: "vm",
  pid: 42,
  startedAt: "2026-12-04T11:00:00.000Z",
  beatAt: "2026-12-04T11:59:58.000Z",
  polling: 3,
  alive: true,
};
const ok: PollerStatus = {
  mode: "external",
  state: "ok",
  lastBeatAt: worker.beatAt,
  overdue: { count: 0, oldestDueAt: null },
  enabledSources: 4,
  workers: [worker],
};

test("no banner while polling keeps up, or when nothing is there to poll", () => {
  expect(renderToStaticMarkup(<PollerNotice status={ok} now={now} />)).toBe("");
  const nothing = { ...ok, state: "down" as const, workers: [], enabledSources: 0 };
  expect(renderToStaticMarkup(<PollerNotice status={nothing} now={now} />)).toBe("");
});

test("a stopped worker: the banner is an alert with its last heartbeat", () => {
  const down: PollerStatus = {
    ...ok,
    state: "down",
    lastBeatAt: "2026-12-04T11:48:00.000Z",
    workers: [{ ...worker, alive: false, beatAt: "2026-12-04T11:48:00.000Z" }],
  };
  const html = renderToStaticMarkup(<PollerNotice status={down} now={now} />);
  expect(html).toContain('role="alert"');
  expect(html).toContain("Polling has stopped.");
  expect(html).toContain("12 min ago");
  expect(renderToStaticMarkup(<WorkersTable status={down} now={now} />)).toContain("Not reporting");
  const never = renderToStaticMarkup(<PollerNotice status={{ ...down, lastBeatAt: null, workers: [] }} now={now} />);
  expect(never).toContain("No poll worker is running.");
});

test("polls overdue: the banner says how many and since when", () => {
  const behind: PollerStatus = {
    ...ok,
    state: "behind",
    overdue: { count: 3, oldestDueAt: "2026-12-04T11:55:00.000Z" },
  };
  const html = renderToStaticMarkup(<PollerNotice status={behind} now={now} />);
  expect(html).toContain("3 sources are overdue");
  expect(html).toContain("5 min ago");
  const panel = renderToStaticMarkup(<WorkersTable status={behind} now={now} />);
  expect(panel).toContain("3 overdue polls.");
  expect(panel).toContain("process 42");
});
