// Shared by the inventory's integration tests: a clock tests move by hand, and a view of every
// inventory table's row count and newest write, to prove a poll wrote (or did not write) rows.
import { db } from "@/lib/db/client";

export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): ManualClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms), set: (ms) => void (now = ms) };
}

export interface TableState {
  devices: number;
  extensions: number;
  ctiApps: number;
  changeEvents: number;
  routerEvents: number;
  polls: number;
  /** Newest updatedAt over devices, extensions and CTI applications. */
  lastWrite: number;
}

export async function tableState(sourceId: string): Promise<TableState> {
  const where = { sourceId };
  const [devices, extensions, ctiApps, changeEvents, routerEvents, polls, d, e, c] = await Promise.all([
    db().device.count({ where }),
    db().extension.count({ where }),
    db().ctiApp.count({ where }),
    db().changeEvent.count({ where }),
    db().routerEvent.count({ where }),
    db().poll.count({ where }),
    db().device.aggregate({ where, _max: { updatedAt: true } }),
    db().extension.aggregate({ where, _max: { updatedAt: true } }),
    db().ctiApp.aggregate({ where, _max: { updatedAt: true } }),
  ]);
  const lastWrite = Math.max(
    d._max.updatedAt?.getTime() ?? 0,
    e._max.updatedAt?.getTime() ?? 0,
    c._max.updatedAt?.getTime() ?? 0,
  );
  return { devices, extensions, ctiApps, changeEvents, routerEvents, polls, lastWrite };
}

/** Change events of one poll, as "subjectKind change" -> count. */
export async function eventsOfLatestPoll(sourceId: string): Promise<{
  pollId: string;
  events: Array<{
    subjectKind: string;
    subject: string;
    change: string;
    before: string | null;
    after: string | null;
    reason: string | null;
  }>;
}> {
  const poll = await db().poll.findFirst({ where: { sourceId }, orderBy: { startedAt: "desc" }, select: { id: true } });
  const events = await db().changeEvent.findMany({
    where: { sourceId, pollId: poll?.id ?? "" },
    select: { subjectKind: true, subject: true, change: true, before: true, after: true, reason: true },
  });
  return { pollId: poll?.id ?? "", events };
}
