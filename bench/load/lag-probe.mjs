// Loaded with NODE_OPTIONS=--import=<this file> into every node process of a server under test:
// measures its event-loop delay and writes the figures to $LINEWATCH_LAG_DIR/<pid>.json, every
// second and whenever the bench asks (the control file's `snap` changes); `reset` restarts them.
// The control file's `phase` names what the bench is measuring now ("polling list": a state and a
// route). Each stretch of a phase is recorded on its own, with the web admission's limit and wait
// meanwhile; a phase's figures are its stretches' highest (a p99 over several stretches is never
// above the highest of theirs). A state's p50 and p99 come from one histogram over all its
// phases' samples (see `groups`).
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
  let seen = { reset: 0, snap: 0, phase: "" };
  /** Each phase's finished stretches, summarised. */
  const phases = new Map();
  /** The web's admission (scripts/web-admission.mjs), where it runs: its limit is sampled. */
  const admission = () => globalThis[Symbol.for("linewatch.web-admission")];
  /** The stretch being recorded: its own delay histogram and admission samples. */
  let stretch;
  const openStretch = () => {
    const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    h.enable();
    const a = admission();
    const opened = { h, limitSum: 0, limitSamples: 0, started: a?.started ?? 0, waitedMs: a?.waitedMs ?? 0 };
    opened.sampler = setInterval(() => {
      const now = admission();
      if (!now) return;
      opened.limitSum += now.limit();
      opened.limitSamples++;
    }, 50);
    opened.sampler.unref();
    return opened;
  };
  const stretchSummary = (open) => {
    const a = admission();
    return {
      ...summary(open.h),
      limitSum: open.limitSum,
      limitSamples: open.limitSamples,
      admitted: (a?.started ?? 0) - open.started,
      waitedMs: (a?.waitedMs ?? 0) - open.waitedMs,
    };
  };
  const closeStretch = () => {
    if (!stretch) return;
    stretch.h.disable();
    clearInterval(stretch.sampler);
    phases.set(seen.phase, [...(phases.get(seen.phase) ?? []), stretchSummary(stretch)]);
    stretch = undefined;
  };
  // A phase's first word is its group ("polling" of "polling list"): one histogram per group runs
  // through all its stretches, for the group's p50 and p99 over every sample. Enabled again after
  // a pause, its first sample counts the pause: one per stretch of thousands (100 a second), too
  // few to move a p99, so only the group's max is taken from the stretches instead.
  const groups = new Map();
  const groupOf = (name) => name.split(" ")[0];
  const enterPhase = (name) => {
    closeStretch();
    if (seen.phase) groups.get(groupOf(seen.phase))?.disable();
    if (!name) return;
    stretch = openStretch();
    const group = groupOf(name);
    if (!groups.has(group)) groups.set(group, monitorEventLoopDelay({ resolution: RESOLUTION_MS }));
    groups.get(group).enable();
  };
  const highest = (stretches) => {
    const sum = (key) => stretches.reduce((total, s) => total + s[key], 0);
    return {
      stretches: stretches.length,
      samples: sum("samples"),
      p50Ms: Math.max(...stretches.map((s) => s.p50Ms)),
      p99Ms: Math.max(...stretches.map((s) => s.p99Ms)),
      maxMs: Math.max(...stretches.map((s) => s.maxMs)),
      // The admission's mean limit, and how long an admitted request waited for its place.
      limitMean: sum("limitSamples") ? sum("limitSum") / sum("limitSamples") : null,
      admissionWaitMs: sum("admitted") ? sum("waitedMs") / sum("admitted") : null,
    };
  };
  let controlMtime = 0;
  let resetAt = Date.now();
  let lastWrite = 0;
  const beyond = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  const summary = (h) => ({
    samples: h.count,
    p50Ms: beyond(h.percentile(50)),
    p99Ms: beyond(h.percentile(99)),
    maxMs: beyond(h.max),
  });
  const write = () => {
    const figures = {
      pid: process.pid,
      title: process.title,
      argv: process.argv,
      reset: seen.reset,
      snap: seen.snap,
      phase: seen.phase,
      since: resetAt,
      at: Date.now(),
      ...summary(histogram),
      groups: Object.fromEntries(
        [...groups].map(([group, h]) => {
          const stretches = [...phases]
            .filter(([name]) => groupOf(name) === group)
            .flatMap(([, list]) => list)
            .concat(stretch && groupOf(seen.phase) === group ? [stretchSummary(stretch)] : []);
          return [group, { ...summary(h), maxMs: Math.max(0, ...stretches.map((s) => s.maxMs)) }];
        }),
      ),
      phases: Object.fromEntries(
        [...new Set([...phases.keys(), ...(stretch ? [seen.phase] : [])])].map((name) => [
          name,
          highest([...(phases.get(name) ?? []), ...(stretch && name === seen.phase ? [stretchSummary(stretch)] : [])]),
        ]),
      ),
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
        const phase = wanted.phase ?? "";
        if (wanted.reset !== seen.reset) {
          histogram.reset();
          closeStretch();
          phases.clear();
          for (const h of groups.values()) h.disable();
          groups.clear();
          resetAt = Date.now();
          seen.phase = "";
        }
        if (phase !== seen.phase) enterPhase(phase);
        const snapNow = wanted.snap !== seen.snap || wanted.reset !== seen.reset || phase !== seen.phase;
        seen = { reset: wanted.reset, snap: wanted.snap, phase };
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
