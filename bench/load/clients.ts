// API clients over real HTTP: one token each (per-principal limits see 50 callers, not one),
// timed on the client side. 429 replies are counted apart and their Retry-After is honoured, so
// refused requests neither count as latencies nor turn into a busy loop.
//
// The clients share the machine with the server, so they must take as little of it as they can:
// undici's request() rather than fetch(), which spent ~0.7-1.7 ms of CPU per request (0.35-0.40
// core at 50 clients; request() ~0.15 ms). They still ask for gzip as fetch and browsers do, so the
// server compresses what it would for them; the bodies are counted, not decompressed.
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { percentile } from "../reliability/report";

export interface RouteFigures {
  /** 2xx replies. */
  ok: number;
  /** 429 replies (not in the latencies). */
  limited: number;
  /** Any other status or a network error. */
  errors: number;
  firstError?: string;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  wallMs: number;
  /** Every 2xx reply's latency, so slices measured apart add up (combine). */
  latencies: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function summarize(
  latencies: number[],
  counts: { limited: number; errors: number; firstError?: string },
  wallMs: number,
): RouteFigures {
  return {
    ok: latencies.length,
    ...counts,
    perSecond: latencies.length / (wallMs / 1000),
    p50Ms: latencies.length ? percentile(latencies, 50) : Number.NaN,
    p95Ms: latencies.length ? percentile(latencies, 95) : Number.NaN,
    p99Ms: latencies.length ? percentile(latencies, 99) : Number.NaN,
    wallMs,
    latencies,
  };
}

/** Slices of one route measured at different times, as if measured for their time together. */
export function combine(slices: RouteFigures[]): RouteFigures {
  return summarize(
    slices.flatMap((s) => s.latencies),
    {
      limited: slices.reduce((sum, s) => sum + s.limited, 0),
      errors: slices.reduce((sum, s) => sum + s.errors, 0),
      firstError: slices.find((s) => s.firstError)?.firstError,
    },
    slices.reduce((sum, s) => sum + s.wallMs, 0),
  );
}

/** Sends one GET and reads the whole body; the status and the time it took. */
export async function timedGet(
  agent: Agent,
  url: string,
  token: string,
  signal?: AbortSignal,
): Promise<{ status: number; ms: number; bytes: number; retryAfterS?: number; error?: string }> {
  const t0 = performance.now();
  try {
    const response = await request(url, {
      headers: { authorization: `Bearer ${token}`, "accept-encoding": "gzip, deflate" },
      dispatcher: agent,
      signal,
    });
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
    const retry = response.headers["retry-after"];
    const retryAfter = Array.isArray(retry) ? retry[0] : retry;
    return {
      status: response.statusCode,
      ms: performance.now() - t0,
      bytes,
      retryAfterS: retryAfter ? Number(retryAfter) : undefined,
      error: response.statusCode >= 300 && response.statusCode !== 429 ? `${response.statusCode}` : undefined,
    };
  } catch (error) {
    return {
      status: 0,
      ms: performance.now() - t0,
      bytes: 0,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * Every token is a client sending `path` back to back for `durationMs` (after `warmupMs` not
 * counted: replies arriving after it count). Requests still running at the end finish and count.
 */
export async function runClients(options: {
  url: string;
  path: string;
  tokens: string[];
  /** Measured time; without it, until `stop` says so. */
  durationMs?: number;
  warmupMs: number;
  stop?: () => boolean;
}): Promise<RouteFigures> {
  const agent = new Agent({
    connections: options.tokens.length,
    keepAliveTimeout: 4_000,
    bodyTimeout: 300_000,
    headersTimeout: 300_000,
  });
  const latencies: number[] = [];
  const counts = { limited: 0, errors: 0, firstError: undefined as string | undefined };
  const begin = performance.now();
  const measureFrom = begin + options.warmupMs;
  const end = measureFrom + (options.durationMs ?? Number.POSITIVE_INFINITY);
  const going = () => performance.now() < end && !options.stop?.();
  let lastDone = measureFrom;
  const client = async (token: string) => {
    while (going()) {
      const result = await timedGet(agent, options.url + options.path, token);
      // A reply counts when it arrives after the warm-up: a slow export started during the
      // warm-up still counts (with its whole latency), so slow routes are not left with none.
      const counted = performance.now() >= measureFrom;
      if (counted) lastDone = Math.max(lastDone, performance.now());
      if (result.status === 429) {
        if (counted) counts.limited++;
        const until = performance.now() + (result.retryAfterS ?? 1) * 1000;
        while (going() && performance.now() < until) await sleep(Math.min(250, until - performance.now()));
      } else if (result.error) {
        if (counted) {
          counts.errors++;
          counts.firstError ??= result.error;
        }
      } else if (counted) latencies.push(result.ms);
    }
  };
  await Promise.all(options.tokens.map(client));
  await agent.close();
  const stoppedAt = Number.isFinite(end) ? Math.max(lastDone, end) : Math.max(lastDone, performance.now());
  return summarize(latencies, counts, stoppedAt - measureFrom);
}
