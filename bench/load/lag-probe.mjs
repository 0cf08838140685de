// Loaded with NODE_OPTIONS=--import=<this file> into every node process of a server under test:
// measures its event-loop delay and writes the figures to $LINEWATCH_LAG_DIR/<pid>.json, every
// second and whenever the bench asks (the control file's `snap` changes); `reset` restarts them.
import { readFileSync, statSync, writeFileSync, renameSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

const dir = process.env.LINEWATCH_LAG_DIR;
// The main thread only: a worker thread (the SQLite connection's) shares the pid, and its own
// loop is busy by design.
if (dir && isMainThread) {
  /** Timer resolution: what exceeds it is lag (as bench/reliability/resources.ts counts it). */
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const control = path.join(dir, "control.json");
  const out = path.join(dir, `${process.pid}.json`);
  let seen = { reset: 0, snap: 0 };
  let controlMtime = 0;
  let resetAt = Date.now();
  let lastWrite = 0;
  const beyond = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  const write = () => {
    const figures = {
      pid: process.pid,
      title: process.title,
      argv: process.argv,
      reset: seen.reset,
      snap: seen.snap,
      since: resetAt,
      at: Date.now(),
      samples: histogram.count,
      p50Ms: beyond(histogram.percentile(50)),
      p99Ms: beyond(histogram.percentile(99)),
      maxMs: beyond(histogram.max),
    };
    try {
      writeFileSync(`${out}.tmp`, JSON.stringify(figures));
      renameSync(`${out}.tmp`, out);
    } catch {
      // The bench removed its directory: nothing to report to.
    }
    lastWrite = Date.now();
  };
  const tick = () => {
    try {
      const mtime = statSync(control).mtimeMs;
      if (mtime !== controlMtime) {
        controlMtime = mtime;
        const wanted = JSON.parse(readFileSync(control, "utf8"));
        if (wanted.reset !== seen.reset) {
          histogram.reset();
          resetAt = Date.now();
        }
        const snapNow = wanted.snap !== seen.snap || wanted.reset !== seen.reset;
        seen = { reset: wanted.reset, snap: wanted.snap };
        if (snapNow) write();
      }
    } catch {
      // No control file yet, or one being written: try again on the next tick.
    }
    if (Date.now() - lastWrite >= 1_000) write();
  };
  setInterval(tick, 200).unref();
  tick();
}
