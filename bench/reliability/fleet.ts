// The run's side of the simulator process: forks it (with this process's tsx loader), hands it
// the plan, asks for request counts, and closes it.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FleetCounts, FleetPlan, FromFleet, ToFleet } from "./fleet-protocol";

export interface FleetProcess {
  pid: number;
  routerUrls: string[];
  clusterUrls: string[][];
  counts(): Promise<FleetCounts>;
  close(): Promise<void>;
}

/**
 * Forks a bench helper module with the same loader and conditions; its output goes to `output`.
 * `detached`: in a session of its own (the caller then ends it, as Ctrl-C no longer reaches it).
 */
export function forkHelper(file: string, output: (chunk: Buffer) => void, detached = false): ChildProcess {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: process.env,
    detached,
  });
  child.stdout?.on("data", output);
  child.stderr?.on("data", output);
  return child;
}

export async function startFleetProcess(
  plan: FleetPlan,
  output: (chunk: Buffer) => void,
  options: { detached?: boolean } = {},
): Promise<FleetProcess> {
  const child = forkHelper("./fleet-process.ts", output, options.detached);
  const waiting = new Map<number, (counts: FleetCounts) => void>();
  let nextId = 1;
  let onClosed: (() => void) | undefined;
  const ready = new Promise<{ routerUrls: string[]; clusterUrls: string[][] }>((resolve, reject) => {
    child.on("message", (message: FromFleet) => {
      if (message.type === "ready") resolve(message);
      else if (message.type === "counts") waiting.get(message.id)?.(message.counts);
      else if (message.type === "error") reject(new Error(`simulator process: ${message.message}`));
      else if (message.type === "closed") onClosed?.();
    });
    child.once("exit", (code) => reject(new Error(`simulator process exited (${code})`)));
  });
  const send = (message: ToFleet) => child.send(message);
  send({ type: "start", plan });
  const urls = await ready;
  return {
    pid: child.pid!,
    ...urls,
    counts: () =>
      new Promise<FleetCounts>((resolve) => {
        const id = nextId++;
        waiting.set(id, (counts) => {
          waiting.delete(id);
          resolve(counts);
        });
        send({ type: "counts", id });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        const exited = () => resolve();
        if (child.exitCode !== null) return resolve();
        child.once("exit", exited);
        onClosed = () => undefined;
        send({ type: "close" });
        // A child that does not close in time is ended (it is ours, by pid).
        setTimeout(() => child.exitCode === null && child.kill("SIGTERM"), 15_000).unref();
      }),
  };
}
