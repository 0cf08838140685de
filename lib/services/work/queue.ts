// Requests to the poll worker through the database: the web process writes a row and waits for
// (poll now, refresh, the WAN switch) or follows (sites worked out again) its result. With
// LINEWATCH_WORKER=inline this process runs the row itself, so both paths write the same rows.
import "server-only";
import type { Actor } from "@/lib/db/audit";
import * as queue from "@/lib/db/work-requests";
import type { WorkRequestRow } from "@/lib/db/work-requests";
import { listWorkers } from "@/lib/db/workers";
import { workerAlive } from "@/lib/domain/poll-schedule";
import { parseJson, parseJsonObject } from "@/lib/domain/json";
import { env } from "@/lib/env";
import { AppError, type ErrorCode } from "@/lib/errors";
import { defaultInstanceId } from "@/lib/inventory/instance";
import { log } from "@/lib/log";
import { workKinds, type WorkKindName } from "./kinds";

/** A caller waits this long for the worker before it is told to follow the result elsewhere. */
const WAIT_MS = 120_000;
/** How often a waiting caller reads its row. */
const WAIT_STEP_MS = 150;
/** Progress is written at most this often, so a long recompute does not write per batch. */
const PROGRESS_EVERY_MS = 500;

export interface WorkStatus {
  id: string;
  kind: string;
  status: "pending" | "running" | "done" | "failed";
  progress: { done: number; total: number } | null;
  result: unknown;
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
}

export function workStatus(row: WorkRequestRow): WorkStatus {
  const outcome = parseJson(row.result) ?? null;
  const failed = row.status === "failed";
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as WorkStatus["status"],
    progress: (parseJson(row.progress) as WorkStatus["progress"]) ?? null,
    result: failed ? null : outcome,
    error: failed ? ((outcome as WorkStatus["error"]) ?? { code: "internal_error", message: "It failed." }) : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** What a failure stores: the error envelope's code and user message, never internals. */
function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.userMessage };
  return { code: "internal_error", message: "Something went wrong while doing this; the details are in the log." };
}

/** Runs a row this process has claimed and writes its outcome; never throws. */
export async function runClaimed(
  row: WorkRequestRow,
  now: () => number = Date.now,
  /** Runs after the work and before its outcome is written (the worker's heartbeat, so the caller reads the new state). */
  beforeFinish?: () => Promise<unknown>,
): Promise<void> {
  const kind = workKinds[row.kind as WorkKindName];
  let lastProgress = 0;
  try {
    if (!kind) throw new AppError("invalid_request", `This worker does not know "${row.kind}" requests.`);
    const result = await kind.run(
      parseJsonObject(row.input),
      { actor: "unknown", ...parseJsonObject(row.actor) } as Actor,
      async (done, total) => {
        if (done < total && now() - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now();
        await queue.reportWorkProgress(row.id, JSON.stringify({ done, total })).catch(() => undefined);
      },
    );
    await beforeFinish?.().catch(() => undefined);
    await queue.finishWorkRequest(row.id, { status: "done", result: JSON.stringify(result ?? null) }, new Date(now()));
  } catch (error) {
    if (!(error instanceof AppError))
      log.error("a worker request failed", { kind: row.kind, id: row.id, error: String(error) });
    await queue
      .finishWorkRequest(row.id, { status: "failed", result: JSON.stringify(failureOf(error)) }, new Date(now()))
      .catch((e: unknown) => log.error("a worker request's outcome was not stored", { id: row.id, error: String(e) }));
  }
}

async function aliveWorkers(now: number): Promise<number> {
  return (await listWorkers()).filter((w) => workerAlive(w.beatAt, now)).length;
}

const noWorker = () =>
  new AppError(
    "upstream_failed",
    "The poll worker is not running, so this cannot be done now. An admin can check it on the Sources page.",
    { status: 503, headers: { "retry-after": "30" } },
  );

async function create(kind: WorkKindName, input: Record<string, unknown>, who: Actor): Promise<WorkRequestRow> {
  return queue.createWorkRequest({ kind, input: JSON.stringify(input), actor: JSON.stringify(who) });
}

/** Runs a row in this process (inline mode): claimed under this instance's name like a worker would. */
async function runHere(row: WorkRequestRow): Promise<void> {
  if (await queue.claimThis(row.id, defaultInstanceId(), new Date())) await runClaimed(row);
}

/** Asks for work and waits for its result; a failure comes back as the AppError it was. */
export async function doWork<T>(
  kind: WorkKindName,
  input: Record<string, unknown>,
  who: Actor,
  options: { waitMs?: number; now?: () => number; pause?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const now = options.now ?? Date.now;
  const pause = options.pause ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  if (env().worker === "external" && (await aliveWorkers(now())) === 0) throw noWorker();
  const row = await create(kind, input, who);
  if (env().worker === "inline") await runHere(row);
  const deadline = now() + (options.waitMs ?? WAIT_MS);
  for (;;) {
    const current = await queue.getWorkRequest(row.id);
    if (!current) throw new AppError("internal_error", "The request to the poll worker was lost.");
    if (current.status === "done") return parseJson(current.result) as T;
    if (current.status === "failed") {
      const failure = workStatus(current).error!;
      throw new AppError(failure.code as ErrorCode, failure.message);
    }
    if (now() >= deadline)
      throw new AppError(
        "upstream_failed",
        "The poll worker has not finished this yet; its result will show on the page when it has.",
        { status: 504 },
      );
    await pause(WAIT_STEP_MS);
  }
}

/** Asks for work to run in the background and returns at once; its row says how far it got. */
export async function startWork(kind: WorkKindName, input: Record<string, unknown>, who: Actor): Promise<WorkStatus> {
  const row = await create(kind, input, who);
  if (env().worker === "inline")
    void runHere(row).catch((error: unknown) => log.error("background work failed", { error: String(error) }));
  return workStatus(row);
}

export async function latestWork(kind: WorkKindName): Promise<WorkStatus | null> {
  const row = await queue.latestWorkRequest(kind);
  return row ? workStatus(row) : null;
}
