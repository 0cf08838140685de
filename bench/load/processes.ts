// Every child process and temporary thing the load bench starts, and their end: on a normal
// exit, an error and Ctrl-C alike. Children run in their own process group, so ending one ends
// whatever it started (next start under scripts/start.mjs), by its group id and nothing else.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { setPriority } from "node:os";

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
const groups = new Set<number>();

/** Runs on the way out, last registered first. */
export function onCleanup(cleanup: Cleanup): void {
  cleanups.push(cleanup);
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    await Promise.resolve()
      .then(cleanup)
      .catch((error: unknown) => console.error(`[load] cleanup failed: ${String(error)}`));
  }
  // Anything still standing (a cleanup that failed or never ran).
  for (const pgid of groups) killGroup(pgid, "SIGKILL");
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

/** Ends a child's process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 8_000): Promise<void> {
  const pgid = child.pid;
  if (!pgid) return;
  killGroup(pgid, "SIGTERM");
  const timer = setTimeout(() => killGroup(pgid, "SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
  // Grandchildren that outlive their parent (they share its group).
  await new Promise((resolve) => setTimeout(resolve, 300));
  killGroup(pgid, "SIGKILL");
  groups.delete(pgid);
}

/** Spawns in a new process group that runCleanups ends if nothing else does. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  child.once("exit", () => {
    // The group may live on (its children): leave it registered until stopGroup or the end.
  });
  return child;
}

/** A child started in a session of its own elsewhere: runCleanups ends its group if nothing else does. */
export function adoptGroup(pid: number): void {
  groups.add(pid);
}

/** A TCP port on 127.0.0.1 the OS says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let installed = false;

/** Ctrl-C, SIGTERM and uncaught errors end every child before the bench exits. */
export function installExitHandlers(): void {
  if (installed) return;
  installed = true;
  let ending = false;
  const end = (code: number, why?: unknown) => {
    if (ending) return;
    ending = true;
    if (why) console.error(`\n[load] ${why instanceof Error ? (why.stack ?? why.message) : String(why)}`);
    void runCleanups().finally(() => process.exit(code));
  };
  process.on("SIGINT", () => end(130, "interrupted: stopping every child process"));
  process.on("SIGTERM", () => end(143, "terminated: stopping every child process"));
  process.on("uncaughtException", (error) => end(1, error));
  process.on("unhandledRejection", (error) => end(1, error));
  // Last resort when the loop is already gone: no cleanup can await, but groups can be killed.
  process.on("exit", () => {
    for (const pgid of groups) killGroup(pgid, "SIGKILL");
  });
}

/**
 * Lowers the CPU priority of every thread of a running process (nice is per thread on Linux):
 * the simulated fleet stands in for routers and clusters on other machines, so its CPU is not
 * the server's to share. Where Linux groups processes by session (sched_autogroup_enabled), a
 * thread's nice only ranks it within its session's group, and the groups share the CPU evenly: a
 * process in a session of its own (the server under test, started detached) then gets no more
 * than half a core the fleet also wants. So a process in a session apart from the bench's gets its
 * group's nice set too. Best effort: elsewhere it stays as it is. Says what was lowered.
 */
export function lowerPriority(pid: number, nice: number): string[] {
  let tids: number[];
  try {
    tids = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    tids = [pid];
  }
  const lowered: string[] = [];
  for (const tid of tids) {
    try {
      setPriority(tid, nice);
      if (lowered.length === 0) lowered.push("its threads");
    } catch {
      // A thread that ended meanwhile, or a system without per-thread priorities.
    }
  }
  try {
    const group = (of: string) => readFileSync(`/proc/${of}/autogroup`, "utf8").split(" ")[0];
    if (group(String(pid)) !== group("self")) {
      writeFileSync(`/proc/${pid}/autogroup`, String(nice));
      lowered.push("its session's group");
    }
  } catch {
    // No autogroups here (or not allowed): the threads' nice is all there is.
  }
  return lowered;
}
