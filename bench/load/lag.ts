// The bench's side of lag-probe.mjs: one directory per server under test, where every node
// process the server starts reports its event-loop delay; the web process is the next-server one.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const LAG_PROBE = fileURLToPath(new URL("./lag-probe.mjs", import.meta.url));

export interface LagFigures {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One phase's stretches: their highest delay figures, and the web's admission meanwhile. */
export interface PhaseLag extends LagFigures {
  stretches: number;
  /** The admission's mean limit (null where the process has none). */
  limitMean: number | null;
  /** How long an admitted request waited for its place, on average. */
  admissionWaitMs: number | null;
}

export interface ProcessLag extends LagFigures {
  pid: number;
  title: string;
  argv: string[];
  reset: number;
  snap: number;
  /** The phase recorded now ("" for none). */
  phase: string;
  since: number;
  at: number;
  /** The delay while each phase was recorded, since the last reset. */
  phases: Record<string, PhaseLag>;
  /** Each group of phases (their first word: "idle", "polling") over all its samples. */
  groups: Record<string, LagFigures>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class LagProbes {
  readonly dir = mkdtempSync(path.join(tmpdir(), "linewatch-lag-"));
  private control = { reset: 0, snap: 0, phase: "" };

  /** NODE_OPTIONS and the directory for a server's environment. */
  env(): Record<string, string> {
    const given = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : "";
    return { NODE_OPTIONS: `${given}--import=${LAG_PROBE}`, LINEWATCH_LAG_DIR: this.dir };
  }

  private writeControl(): void {
    writeFileSync(path.join(this.dir, "control.json"), JSON.stringify(this.control));
  }

  all(): ProcessLag[] {
    return readdirSync(this.dir)
      .filter((name) => /^\d+\.json$/.test(name))
      .flatMap((name) => {
        try {
          return [JSON.parse(readFileSync(path.join(this.dir, name), "utf8")) as ProcessLag];
        } catch {
          return [];
        }
      });
  }

  /** The Next.js server process: titled next-server (or running `next start` in older releases). */
  web(): ProcessLag | undefined {
    const fresh = this.all().filter((p) => Date.now() - p.at < 5_000);
    return (
      fresh.find((p) => /next-server/.test(p.title)) ??
      fresh.find((p) => p.argv.some((a) => /next-server|start-server/.test(a)))
    );
  }

  /** Restarts every process's histogram; waits until the web process has done so. */
  async reset(): Promise<void> {
    this.control.reset++;
    this.control.phase = "";
    this.writeControl();
    await this.waitFor((p) => p.reset === this.control.reset);
  }

  /** From now on the delay is also recorded as `phase` ("" stops recording any). */
  async phase(phase: string): Promise<void> {
    this.control.phase = phase;
    this.writeControl();
    await this.waitFor((p) => p.phase === phase);
  }

  /** The web process's figures since the last reset, written now. */
  async read(): Promise<ProcessLag | undefined> {
    this.control.snap++;
    this.writeControl();
    return this.waitFor((p) => p.snap === this.control.snap && p.reset === this.control.reset);
  }

  private async waitFor(done: (p: ProcessLag) => boolean): Promise<ProcessLag | undefined> {
    for (let i = 0; i < 50; i++) {
      const web = this.web();
      if (web && done(web)) return web;
      await sleep(100);
    }
    return undefined;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
