// The fault cases of issue #7 at poll level: a router turns hostile after a good poll, and each
// case records how the poll ended, how long it took against the source's timeout, what it did to
// memory, whether the stored data survived, and whether a healthy source polled beside it waited.
// Shared by lib/inventory/hostile-poll.int.test.ts and the reliability report (bench/); the caller
// configures the database (lib/testing/test-database.ts).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { createSource, deleteSource, type SourceRecord } from "@/lib/db/sources";
import { pollSource, type PollSummary } from "@/lib/inventory/poll";
import { startCmeSimulator } from "@/lib/simulators/cme";
import { AuthError, ProtocolError, TimeoutError, type ProtocolProblem } from "@/lib/soap";
import { networkError } from "@/lib/soap/network-errors";
import { startHostileRouter, type HostileMode, type HostileRouter } from "./hostile-router";

export interface HostileCaseRow {
  case: string;
  /** Ended with a typed error within timeout + grace, kept the last good data, and the other source finished within its own timeout. */
  contained: boolean;
  /** "protocol:<problem>", "timeout", "auth", "transport:<what>", or "none" / "internal" / "unknown". */
  errorKind: string;
  elapsedMs: number;
  timeoutMs: number;
  rssDeltaMiB: number;
  lastGoodKept: boolean;
  otherSourceMs: number;
  /** Health status, requests the hostile router received, connections it still held after the poll. */
  detail?: string;
}

/** The hostile router's modes, in the order the cases run. */
export const HOSTILE_CASES: readonly Exclude<HostileMode, "proxy">[] = [
  "entity-bomb",
  "char-ref-flood",
  "huge-body",
  "slow-drip",
  "no-reply",
  "truncated-xml",
  "html-200",
  "proto-names",
  "deep-nesting",
  "reset",
  "status-401",
  "refused",
];

/** What a poll may take beyond its source's timeout: the database work around the request. */
export const GRACE_MS = 2_000;
const WHO = { actor: "hostile-cases" };
const INSTANCE = "hostile-cases";

const PROTOCOL_PROBLEMS = {
  "not-xml": true,
  doctype: true,
  "too-large": true,
  "too-deep": true,
  truncated: true,
  "unexpected-shape": true,
  redirect: true,
  "http-status": true,
} satisfies Record<ProtocolProblem, true>;
const TRANSPORT_CODES: Record<string, string> = {
  ECONNREFUSED: "refused",
  ECONNRESET: "reset",
  ENOTFOUND: "host-not-found",
  EHOSTUNREACH: "host-unreachable",
};

/** Plain-words messages of the typed errors, back to their kind (a failed poll reports only the message). */
const KIND_OF_MESSAGE = new Map<string, string>([
  [new AuthError(401).userMessage, "auth"],
  [new AuthError(403).userMessage, "auth"],
  [new TimeoutError("total", 0).userMessage, "timeout"],
  [new TimeoutError("connect", 0).userMessage, "timeout"],
  ...Object.keys(PROTOCOL_PROBLEMS).map(
    (problem) =>
      [new ProtocolError(problem as ProtocolProblem, "").userMessage, `protocol:${problem}`] as [string, string],
  ),
  ...Object.entries(TRANSPORT_CODES).map(
    ([code, what]) =>
      [networkError(Object.assign(new Error(code), { code }), 0).userMessage, `transport:${what}`] as [string, string],
  ),
  [networkError(new Error("socket closed"), 0).userMessage, "transport"],
  ["Linewatch could not finish this poll because of an internal error.", "internal"],
]);

export function errorKindOf(summary: Pick<PollSummary, "status" | "error">): string {
  if (summary.status !== "failed") return "none";
  return KIND_OF_MESSAGE.get(summary.error ?? "") ?? "unknown";
}

const TYPED = /^(protocol|timeout|auth|transport)\b/;

interface StoredState {
  devices: string;
  lastSuccessAt: number | null;
  changeEvents: number;
}

async function storedState(sourceId: string): Promise<StoredState> {
  const [devices, health, changeEvents] = await Promise.all([
    db().device.findMany({
      where: { sourceId },
      select: { name: true, missing: true, registrationStatus: true, updatedAt: true },
      orderBy: { name: "asc" },
    }),
    db().sourceHealth.findUnique({ where: { sourceId }, select: { lastSuccessAt: true } }),
    db().changeEvent.count({ where: { sourceId } }),
  ]);
  return { devices: JSON.stringify(devices), lastSuccessAt: health?.lastSuccessAt?.getTime() ?? null, changeEvents };
}

function rssMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / (1024 * 1024);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) for the hostile router to see its hostile connections closed; returns those still open. */
async function socketsLeft(router: HostileRouter, waitMs = 2_000): Promise<number> {
  const deadline = Date.now() + waitMs;
  const left = () => Math.max(router.hostileSockets(), router.activeReplies());
  while (left() > 0 && Date.now() < deadline) await sleep(10);
  return left();
}

async function timed(run: () => Promise<PollSummary>): Promise<{ summary: PollSummary; ms: number }> {
  const started = performance.now();
  const summary = await run();
  return { summary, ms: Math.round(performance.now() - started) };
}

/**
 * Runs every case against a hostile router (its own simulator behind it) and a healthy simulator,
 * as two CME sources with `timeoutMs` (default 3 s; sources accept 1 s at least), deleted again at
 * the end. The database must be configured (startTestDatabase); run node with --expose-gc for
 * steadier RSS figures.
 */
export async function runHostileCases(options: { timeoutMs?: number } = {}): Promise<HostileCaseRow[]> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const tag = randomUUID().slice(0, 8);
  const hostile = await startHostileRouter({ simulator: { fleet: { seed: 71, ephones: 40, pools: 8 } } });
  const healthy = await startCmeSimulator({ fleet: { seed: 72, ephones: 40, pools: 8 } });
  const sources: SourceRecord[] = [];
  try {
    const add = async (name: string, url: string) => {
      const source = await createSource(
        {
          kind: "cme",
          name: `${name} ${tag}`,
          urls: [url],
          username: "cisco",
          password: "cisco",
          timeoutMs,
          pollIntervalS: 60,
        },
        WHO,
      );
      sources.push(source);
      return source;
    };
    const target = await add("Hostile router", hostile.url);
    const other = await add("Healthy router", healthy.url);
    const poll = (source: SourceRecord) => pollSource(source.id, { instanceId: INSTANCE, force: true });
    for (const source of [target, other]) {
      const first = await poll(source);
      if (first.status !== "ok")
        throw new Error(`the first poll of ${source.name} did not succeed: ${first.error ?? first.status}`);
    }

    const rows: HostileCaseRow[] = [];
    for (const mode of HOSTILE_CASES) {
      // Every case starts from a good poll, so each one's "last good data" is its own.
      await hostile.setMode("proxy");
      const good = await poll(target);
      if (good.status !== "ok")
        throw new Error(`the good poll before ${mode} did not succeed: ${good.error ?? good.status}`);
      const before = await storedState(target.id);
      // The phone list decides a router poll: the dialect probe before it still gets a real answer.
      await hostile.setMode(mode, { methods: ["ISgetDevice"] });
      hostile.resetCounters();
      const rssBefore = rssMiB();
      const [hostileRun, otherRun] = await Promise.all([timed(() => poll(target)), timed(() => poll(other))]);
      const rssAfter = rssMiB();
      const left = await socketsLeft(hostile);
      const after = await storedState(target.id);
      const health = await db().sourceHealth.findUnique({ where: { sourceId: target.id }, select: { status: true } });

      const errorKind = errorKindOf(hostileRun.summary);
      // Every device row exactly as the good poll left it (none marked missing, none rewritten), no new events.
      const lastGoodKept =
        after.devices === before.devices &&
        after.lastSuccessAt === before.lastSuccessAt &&
        after.changeEvents === before.changeEvents;
      const otherOk = otherRun.summary.status === "ok" && otherRun.ms <= other.timeoutMs;
      rows.push({
        case: mode,
        contained: TYPED.test(errorKind) && hostileRun.ms <= timeoutMs + GRACE_MS && lastGoodKept && otherOk,
        errorKind,
        elapsedMs: hostileRun.ms,
        timeoutMs,
        rssDeltaMiB: Math.round((rssAfter - rssBefore) * 10) / 10,
        lastGoodKept,
        otherSourceMs: otherRun.ms,
        detail: `health ${health?.status ?? "none"}; ${hostile.requestCount(mode)} hostile of ${hostile.requestCount()} requests; ${left} hostile connections left${errorKind === "unknown" ? `; said: ${hostileRun.summary.error ?? ""}` : ""}`,
      });
    }
    await hostile.setMode("proxy");
    return rows;
  } finally {
    for (const source of sources) await deleteSource(source.id, WHO).catch(() => {});
    await hostile.close();
    await healthy.close();
  }
}
