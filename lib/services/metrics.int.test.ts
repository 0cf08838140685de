// /metrics as Prometheus reads it: the database's gauges (polls of the last hour from the Poll
// table among them) beside this process's own figures; API requests counted by the route wrapper,
// their log lines carrying the request id; and the Grafana dashboard and alerting rules in deploy/
// naming only metrics it exports.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { seedFleetFixture } from "@/lib/testing/seed-inventory";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { defineContract } from "@/lib/api/contract";
import { route } from "@/lib/api/route";
import { log } from "@/lib/log";
import { pollSource } from "@/lib/inventory/poll";
import { metricsText } from "./metrics";

let database: TestDatabase;
let token: string;
let ids: { hq: string; east: string; branch: string };
const now = new Date();

beforeAll(async () => {
  process.env.LINEWATCH_LOG_FORMAT = "json";
  database = await startTestDatabase();
  token = (await createToken({ name: "prometheus", role: "viewer" }, { actor: "test" })).token;
  ids = await seedFleetFixture(now);
});
afterAll(async () => {
  await database?.stop();
  delete process.env.LINEWATCH_LOG_FORMAT;
});
afterEach(() => vi.restoreAllMocks());

const sampleLines = async () => (await metricsText(now)).trimEnd().split("\n");

describe("this process's figures beside the database's", () => {
  test("an API request is counted and timed per route and status; its log lines carry the request id", async () => {
    const probe = defineContract({
      method: "GET",
      path: "/metrics-probe/{id}",
      summary: "test",
      tag: "Test",
      permission: "signedIn",
      params: z.object({ id: z.string() }),
      response: z.object({ id: z.string() }),
    });
    const handler = route(probe, async ({ params }) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.info("probe answered", { id: params.id });
      return { id: params.id };
    });
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    const call = (headers: Record<string, string>) =>
      handler(new NextRequest("http://127.0.0.1/api/v1/metrics-probe/7", { headers }), {
        params: Promise.resolve({ id: "7" }),
      });
    const ok = await call({ authorization: `Bearer ${token}`, "x-request-id": "req-metrics-0001" });
    expect(ok.status).toBe(200);
    expect((await call({})).status).toBe(401);

    const line = printed
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === "probe answered");
    expect(line).toMatchObject({ level: "info", requestId: "req-metrics-0001", id: "7" });

    const lines = await sampleLines();
    expect(lines).toContain(
      'linewatch_api_requests_total{method="GET",route="/api/v1/metrics-probe/{id}",status="200"} 1',
    );
    expect(lines).toContain(
      'linewatch_api_requests_total{method="GET",route="/api/v1/metrics-probe/{id}",status="401"} 1',
    );
    expect(lines).toContain(
      'linewatch_api_request_duration_seconds_count{method="GET",route="/api/v1/metrics-probe/{id}"} 2',
    );
    for (const name of [
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_p99_seconds",
    ])
      expect(lines.some((l) => l.startsWith(`${name} `))).toBe(true);
    expect(lines).toContain("# TYPE nodejs_gc_duration_seconds histogram");
  });

  test("polls of the last hour per source and outcome come from the Poll table; polls run here are counted", async () => {
    const lines = await sampleLines();
    const hq = 'source="cme-hq",site="HQ",kind="cme"';
    expect(lines).toContain(`linewatch_polls_last_hour{${hq},outcome="ok"} 2`);
    expect(lines).toContain(`linewatch_polls_last_hour{${hq},outcome="failed"} 1`);
    expect(lines).toContain(`linewatch_polls_last_hour{${hq},outcome="partial"} 0`);
    expect(lines).toContain(`linewatch_poll_seconds_last_hour{${hq},outcome="ok"} 2.4`);
    expect(lines).toContain(`linewatch_poll_seconds_last_hour{${hq},outcome="failed"} 2.5`);
    expect(lines).toContain('linewatch_polls_last_hour{source="cucm-east",site="East",kind="cucm",outcome="ok"} 1');
    expect(lines).toContain('linewatch_polls_last_hour{source="cme-branch",site="Branch",kind="cme",outcome="ok"} 0');

    // A poll of a disabled source is skipped, and counted so.
    await db().source.update({ where: { id: ids.branch }, data: { enabled: false } });
    expect(await pollSource(ids.branch, { instanceId: "metrics-test" })).toMatchObject({ status: "skipped" });
    expect(await sampleLines()).toContain('linewatch_polls_total{kind="cme",outcome="skipped"} 1');
  });
});

// ---------------------------------------------------------------- deploy/ against /metrics

/** The metric names a PromQL expression reads (labels, functions, keywords and Grafana variables left out). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, " ") // string literals
    .replace(/\{[^}]*\}/g, " ") // label matchers
    .replace(/\[[^\]]*\]/g, " ") // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ") // label lists
    .replace(/\$\{?\w+\}?/g, " "); // Grafana variables
  const keywords = new Set(["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "inf", "nan"]);
  const names: string[] = [];
  for (const match of bare.matchAll(/(?<![\w.:])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)) {
    const name = match[1]!;
    if (!keywords.has(name.toLowerCase())) names.push(name);
  }
  return names;
}

/** Every series name /metrics exports: each family, with a histogram's _bucket, _sum and _count. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
    if (type === "summary") for (const suffix of ["_sum", "_count"]) names.add(name + suffix);
  }
  return names;
}

type Panel = { type: string; title: string; targets?: { expr: string }[]; panels?: Panel[] };

describe("the Grafana dashboard and the Prometheus rules in deploy/", () => {
  test("the extractor finds metric names and nothing else", () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, route) (rate(x_bucket{job=~"$job", a="b c"}[5m]))) > 1e9 and on (source) time() - y offset 1h',
      ),
    ).toEqual(["x_bucket", "y"]);
    expect(metricNames('max by (site) (linewatch_site_outage{measure="out"}) > 0')).toEqual(["linewatch_site_outage"]);
  });

  test("every panel, variable and rule reads only metrics that /metrics exports", async () => {
    const exported = exportedNames(await metricsText(now));
    // The worker's own /metrics is this process registry's text, a part of the above.
    expect(exported.has("linewatch_polls_total")).toBe(true);

    const dashboard = JSON.parse(readFileSync("deploy/grafana/linewatch.json", "utf8")) as {
      panels: Panel[];
      templating: { list: { type: string; name: string; query?: string | { query: string } }[] };
    };
    const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== "row");
    expect(panels.length).toBeGreaterThan(10);
    const expressions: { where: string; expr: string }[] = [];
    for (const panel of panels) {
      expect(panel.targets?.length, `panel "${panel.title}" has a query`).toBeGreaterThan(0);
      for (const target of panel.targets ?? [])
        expressions.push({ where: `panel "${panel.title}"`, expr: target.expr });
    }
    for (const variable of dashboard.templating.list.filter((v) => v.type === "query")) {
      const query = typeof variable.query === "string" ? variable.query : (variable.query?.query ?? "");
      const metric = /^label_values\(\s*([a-zA-Z_:][\w:]*)\s*,/.exec(query)?.[1];
      expect(metric, `variable ${variable.name} reads a metric`).toBeDefined();
      expressions.push({ where: `variable ${variable.name}`, expr: metric! });
    }

    const rules = parseYaml(readFileSync("deploy/prometheus/linewatch-rules.yml", "utf8")) as {
      groups: {
        name: string;
        rules: { alert: string; expr: string; labels?: { severity?: string }; annotations?: { summary?: string } }[];
      }[];
    };
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.length).toBeGreaterThan(5);
    for (const rule of alerts) {
      expect(["critical", "warning"], `rule ${rule.alert}`).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, `rule ${rule.alert}`).toBeTruthy();
      expressions.push({ where: `rule ${rule.alert}`, expr: rule.expr });
    }

    const unknown = expressions.flatMap(({ where, expr }) => {
      const names = metricNames(expr);
      if (names.length === 0) return [`${where} reads no metric: ${expr}`];
      return names.filter((n) => !exported.has(n)).map((n) => `${where}: ${n}`);
    });
    expect(unknown).toEqual([]);
  });
});
