// CPU time per process while each phase is measured, from Linux's /proc/<pid>/stat: where two
// cores went (the web, the poll worker, the simulated fleet, the bench's own clients) explains a
// route's polling/idle ratio better than its throughput alone. Elsewhere nothing is counted.
import { readFileSync } from "node:fs";

/** Linux's clock ticks per second for /proc times (USER_HZ; 100 on every common kernel). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU seconds so far of every thread of `pid`, or of its main thread only (`main`),
 * or undefined when unreadable.
 */
export function cpuSeconds(pid: number, main = false): number | undefined {
  try {
    const stat = readFileSync(main ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces and parentheses) start after its last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU seconds per wall-clock second, by process name, for one phase. */
export type CpuShare = Record<string, number>;

/** A process measured whole, or its main thread only (a node process's JavaScript). */
export type Measured = { pid: number; main?: boolean } | undefined;

/**
 * Adds up, per phase, the CPU each named process spent while that phase was measured. `processes`
 * is asked at every start: a worker restarted meanwhile is counted under its new pid.
 */
export class CpuMeter {
  private readonly used = new Map<string, Map<string, number>>();
  private readonly wall = new Map<string, number>();
  private open?: { phase: string; at: number; start: Map<string, { pid: number; main: boolean; cpu: number }> };

  constructor(
    private readonly processes: () => Record<string, Measured>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(phase: string): void {
    this.stop();
    const start = new Map<string, { pid: number; main: boolean; cpu: number }>();
    for (const [name, measured] of Object.entries(this.processes())) {
      if (!measured) continue;
      const main = measured.main ?? false;
      const cpu = cpuSeconds(measured.pid, main);
      if (cpu !== undefined) start.set(name, { pid: measured.pid, main, cpu });
    }
    this.open = { phase, at: this.now(), start };
  }

  stop(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    const used = this.used.get(open.phase) ?? new Map<string, number>();
    for (const [name, { pid, main, cpu }] of open.start) {
      const end = cpuSeconds(pid, main);
      if (end !== undefined) used.set(name, (used.get(name) ?? 0) + Math.max(0, end - cpu));
    }
    this.used.set(open.phase, used);
    this.wall.set(open.phase, (this.wall.get(open.phase) ?? 0) + (this.now() - open.at) / 1000);
  }

  /** CPU seconds per second of the phase's measured time, by process name. */
  share(phase: string): CpuShare | undefined {
    const wall = this.wall.get(phase);
    const used = this.used.get(phase);
    if (!wall || !used) return undefined;
    return Object.fromEntries([...used].map(([name, seconds]) => [name, seconds / wall]));
  }
}
