import { describe, expect, test } from "vitest";
import { processMetricsText, recordApiRequest, recordPoll } from "./process-metrics";

describe("this process's metrics", () => {
  test("process figures, API requests and polls in the text format, without blank lines", async () => {
    recordApiRequest("GET", "/api/v1/phones", 200, 0.042);
    recordApiRequest("GET", "/api/v1/phones", 200, 0.3);
    recordPoll("cme", "ok", 1.5);
    recordPoll("cucm", "skipped", 0);
    const text = await processMetricsText();
    const lines = text.trimEnd().split("\n");
    expect(lines).not.toContain("");
    for (const name of [
      "process_resident_memory_bytes",
      "process_cpu_seconds_total",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_p99_seconds",
      "nodejs_gc_duration_seconds",
    ])
      expect(lines).toContain(
        `# TYPE ${name} ${name.endsWith("_total") ? "counter" : name.startsWith("nodejs_gc") ? "histogram" : "gauge"}`,
      );
    expect(lines).toContain('linewatch_api_requests_total{method="GET",route="/api/v1/phones",status="200"} 2');
    expect(lines).toContain(
      'linewatch_api_request_duration_seconds_bucket{le="0.05",method="GET",route="/api/v1/phones"} 1',
    );
    expect(lines).toContain('linewatch_api_request_duration_seconds_count{method="GET",route="/api/v1/phones"} 2');
    expect(lines).toContain('linewatch_polls_total{kind="cme",outcome="ok"} 1');
    expect(lines).toContain('linewatch_polls_total{kind="cucm",outcome="skipped"} 1');
    // A skipped poll is counted, not timed.
    expect(lines).toContain('linewatch_poll_seconds_count{kind="cme",outcome="ok"} 1');
    expect(text).not.toContain('linewatch_poll_seconds_count{kind="cucm"');
    // Without the web admission (a worker, or LINEWATCH_WEB_CONCURRENCY=0): nothing waits.
    expect(lines).toContain("linewatch_web_requests_waiting 0");
  });

  test("the web admission's queue, as scripts/web-admission.mjs shares it", async () => {
    const key = Symbol.for("linewatch.web-admission");
    const holder = globalThis as { [key]?: unknown };
    holder[key] = { max: 64, limit: () => 8, waiting: () => 12, active: () => 8, started: 40, waitedMs: 2_500 };
    try {
      const lines = (await processMetricsText()).split("\n");
      expect(lines).toContain("linewatch_web_requests_waiting 12");
      expect(lines).toContain("linewatch_web_requests_active 8");
      expect(lines).toContain("linewatch_web_requests_limit 8");
      expect(lines).toContain("linewatch_web_requests_started_total 40");
      expect(lines).toContain("linewatch_web_admission_wait_seconds_total 2.5");
    } finally {
      delete holder[key];
    }
  });

  test("the JSON gzips made and reused, as scripts/web-compression.mjs shares them", async () => {
    const key = Symbol.for("linewatch.web-compression");
    const holder = globalThis as { [key]?: unknown };
    expect((await processMetricsText()).split("\n")).toContain("linewatch_web_json_gzips_made_total 0");
    holder[key] = { hits: 90, made: 7 };
    try {
      const lines = (await processMetricsText()).split("\n");
      expect(lines).toContain("linewatch_web_json_gzips_made_total 7");
      expect(lines).toContain("linewatch_web_json_gzips_reused_total 90");
    } finally {
      delete holder[key];
    }
  });
});
