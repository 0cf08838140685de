// This process's own figures (prom-client): Node's process metrics (CPU, memory, heap, event-loop
// lag, GC), the API requests through the route wrapper and the polls this process ran. Unlike the
// database-backed gauges (lib/services/metrics.ts), which every instance reports alike, each
// process counts only itself: the web's /metrics has its requests, a poll worker's its polls.
import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the web admission (scripts/web-admission.mjs, outside the bundle) shares of its queue. */
interface AdmissionState {
  max: number;
  limit(): number;
  waiting(): number;
  active(): number;
  started: number;
  waitedMs: number;
}
const admissionKey = Symbol.for("linewatch.web-admission");
const admission = () => (globalThis as { [admissionKey]?: AdmissionState })[admissionKey];

/** What the replies' compression (scripts/web-compression.mjs) shares of its kept gzips. */
interface CompressionState {
  hits: number;
  made: number;
}
const compressionKey = Symbol.for("linewatch.web-compression");
const compression = () => (globalThis as { [compressionKey]?: CompressionState })[compressionKey];

interface Instruments {
  registry: Registry;
  apiRequests: Counter<"method" | "route" | "status">;
  apiSeconds: Histogram<"method" | "route">;
  polls: Counter<"kind" | "outcome">;
  pollSeconds: Histogram<"kind" | "outcome">;
  webWaiting: Gauge;
  webActive: Gauge;
  webLimit: Gauge;
  webWaited: Counter;
  webStarted: Counter;
  gzipMade: Counter;
  gzipReused: Counter;
}

function create(): Instruments {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    apiRequests: new Counter({
      name: "linewatch_api_requests_total",
      help: "API requests this process answered, per method, route (its path template: /api/v1/phones/{name}) and HTTP status.",
      labelNames: ["method", "route", "status"],
      registers,
    }),
    apiSeconds: new Histogram({
      name: "linewatch_api_request_duration_seconds",
      help: "Time to answer an API request (to the response headers; a streamed export's body runs on), per method and route.",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    polls: new Counter({
      name: "linewatch_polls_total",
      help: "Polls this process ran, per source kind (cme, cucm) and outcome (ok, partial, failed, skipped).",
      labelNames: ["kind", "outcome"],
      registers,
    }),
    webWaiting: new Gauge({
      name: "linewatch_web_requests_waiting",
      help: "Requests this web process has received and not yet started: they wait for one of the LINEWATCH_WEB_CONCURRENCY places (0 where admission is off).",
      registers,
      collect() {
        this.set(admission()?.waiting() ?? 0);
      },
    }),
    webActive: new Gauge({
      name: "linewatch_web_requests_active",
      help: "Requests this web process is working on that count against LINEWATCH_WEB_CONCURRENCY (a request stops counting after 250 ms).",
      registers,
      collect() {
        this.set(admission()?.active() ?? 0);
      },
    }),
    webLimit: new Gauge({
      name: "linewatch_web_requests_limit",
      help: "How many requests this web process works on at once right now: it adapts to the event loop's turns, up to LINEWATCH_WEB_CONCURRENCY (0 where admission is off).",
      registers,
      collect() {
        this.set(admission()?.limit() ?? 0);
      },
    }),
    webWaited: new Counter({
      name: "linewatch_web_admission_wait_seconds_total",
      help: "Time the requests this web process started had waited for their place, in total; divided by linewatch_web_requests_started_total, the mean wait.",
      registers,
      collect() {
        this.reset();
        this.inc((admission()?.waitedMs ?? 0) / 1000);
      },
    }),
    webStarted: new Counter({
      name: "linewatch_web_requests_started_total",
      help: "Requests this web process took from its admission queue (probes, which never wait, left out).",
      registers,
      collect() {
        this.reset();
        this.inc(admission()?.started ?? 0);
      },
    }),
    gzipMade: new Counter({
      name: "linewatch_web_json_gzips_made_total",
      help: "JSON replies of 1 KB or more this web process gzipped (one per distinct body).",
      registers,
      collect() {
        this.reset();
        this.inc(compression()?.made ?? 0);
      },
    }),
    gzipReused: new Counter({
      name: "linewatch_web_json_gzips_reused_total",
      help: "JSON replies this web process sent with a gzip it had already made for the same bytes.",
      registers,
      collect() {
        this.reset();
        this.inc(compression()?.hits ?? 0);
      },
    }),
    pollSeconds: new Histogram({
      name: "linewatch_poll_seconds",
      help: "How long the polls this process ran took (skipped ones left out), per source kind and outcome.",
      labelNames: ["kind", "outcome"],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
  };
}

// One set per process: Next.js bundles route handlers apart, and every bundle must count into the
// same registry (prom-client itself is kept out of the bundles, next.config.ts).
const key = Symbol.for("linewatch.process-metrics");
function instruments(): Instruments {
  const holder = globalThis as { [key]?: Instruments };
  holder[key] ??= create();
  return holder[key];
}

/** Counts one answered API request; `seconds` until its response was ready. */
export function recordApiRequest(method: string, route: string, status: number, seconds: number): void {
  const { apiRequests, apiSeconds } = instruments();
  apiRequests.inc({ method, route, status: String(status) });
  apiSeconds.observe({ method, route }, seconds);
}

/** Counts one poll this process ran; a skipped poll has no duration worth keeping. */
export function recordPoll(kind: string, outcome: string, seconds: number): void {
  const { polls, pollSeconds } = instruments();
  polls.inc({ kind, outcome });
  if (outcome !== "skipped") pollSeconds.observe({ kind, outcome }, seconds);
}

/**
 * This process's figures in the Prometheus text format, without blank separator lines and with
 * NaN spelt as the format does (prom-client writes "Nan" for an event-loop figure not yet sampled).
 */
export async function processMetricsText(): Promise<string> {
  const text = await instruments().registry.metrics();
  return `${text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (line.endsWith(" Nan") ? `${line.slice(0, -3)}NaN` : line))
    .join("\n")}\n`;
}
