// Server-renders the overview's presentational parts with a known payload: the chart is a titled,
// described image, counts and shares read right, and problems are named in words.
import { describe, expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { FleetCards } from "./fleet-cards";
import { SourceBanner } from "./source-banner";
import { TrendSection } from "./trend-section";
import { CountsTable, SourcesTable } from "./count-tables";
import type { Overview } from "./api";

const counts = { registered: 930, unregistered: 40, rejected: 10, partiallyRegistered: 5, unknown: 15 };
const effective = { ...counts, registered: 900, inFallback: 30, neverRegistered: 0, notSeen: 0 };

describe("overview parts", () => {
  test("fleet cards show counts, shares and link to the filtered phones", () => {
    const html = renderToStaticMarkup(<FleetCards fleet={{ counts: effective, total: 1000 }} />);
    expect(html).toContain("900");
    expect(html).toContain("90.0 % of 1,000 phones");
    expect(html).toContain('href="/phones?status=in-fallback"');
    expect(html).toContain("3.0 % of 1,000 phones");
    expect(html).toContain('href="/phones?status=partially-registered"');
    expect(html).toContain("15 phones (1.5 %) are in an unknown state");
    // No cluster with AXL: no configured-inventory cards.
    expect(html).not.toContain("Never registered");
    expect(html).not.toContain("Not seen");
  });

  test("configured phones RisPort never saw or lost show when there are any, linked to the filtered phones", () => {
    const fleet = { counts: { ...effective, neverRegistered: 1234, notSeen: 0 }, total: 2234 };
    const html = renderToStaticMarkup(<FleetCards fleet={fleet} />);
    expect(html).toContain(">Never registered<");
    expect(html).toContain("1,234");
    expect(html).toContain('href="/phones?status=never-registered"');
    expect(html).not.toContain("not-seen");
    const both = renderToStaticMarkup(<FleetCards fleet={{ ...fleet, counts: { ...fleet.counts, notSeen: 7 } }} />);
    expect(both).toContain('href="/phones?status=not-seen"');
    expect(both).toContain("lg:grid-cols-7");

    const table = (rows: Parameters<typeof CountsTable>[0]["rows"]) =>
      renderToStaticMarkup(<CountsTable title="By site" caption="Registration per site" rows={rows} />);
    const plain = table([{ key: "HQ", label: "HQ", href: "/phones?site=HQ", counts: effective, total: 1000 }]);
    expect(plain).not.toContain("Never registered");
    const withConfigured = table([
      { key: "HQ", label: "HQ", href: "/phones?site=HQ", counts: { ...effective, notSeen: 12 }, total: 1012 },
      { key: "", label: "No site", counts: effective, total: 1000 },
    ]);
    expect(withConfigured).toContain(">Not seen<");
    expect(withConfigured).not.toContain(">Never registered<");
    expect(withConfigured).toContain('href="/phones?site=HQ&amp;status=not-seen"');
  });

  test("the trend chart is an image with a title and a description, and gaps break the line", () => {
    const points = ["2024-01-01T10:00:00.000Z", "2024-01-01T11:00:00.000Z", "2024-01-01T12:00:00.000Z"].map(
      (at, i) => ({ at, sampled: i !== 1, ...counts, inFallback: 0, registered: 900 + i }),
    );
    const html = renderToStaticMarkup(
      <TrendSection
        trend={{ bucketMinutes: 60, timeZone: "America/Chicago", scope: "site:HQ", points }}
        rangeLabel="24 hours"
        scopeLabel="Site HQ"
      />,
    );
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+ [^"]+"/);
    expect(html).toContain("<title");
    expect(html).toContain("Registered phones, Site HQ, last 24 hours");
    expect(html).toContain("Registered: 900 at the start, 902 at the end");
    expect(html).toMatch(/d="M[\d.,]+M[\d.,]+"/); // two one-point segments around the gap
    expect(html).toContain("Show the figures as a table");
    // Labelled in the trend's zone: 10:00 UTC is 04:00 in Chicago in January.
    expect(html).toContain("times in America/Chicago");
    expect(html).toMatch(/>0?4:00( AM)?</);
  });

  test("an empty trend says so instead of drawing nothing", () => {
    const html = renderToStaticMarkup(
      <TrendSection
        trend={{
          bucketMinutes: 60,
          timeZone: "UTC",
          scope: "fleet",
          points: [{ at: "2024-01-01T10:00:00.000Z", sampled: false, ...counts, inFallback: 0 }],
        }}
        rangeLabel="24 hours"
        scopeLabel="Whole fleet"
      />,
    );
    expect(html).toContain("No phones recorded in this period yet.");
    expect(html).not.toContain("<svg");
  });

  test("the banner names failing and stale sources, and is absent when all is well", () => {
    const source = (
      name: string,
      state: Overview["sources"][number]["state"],
      problem: string | null,
    ): Overview["sources"][number] => ({
      id: name,
      name,
      kind: "cme",
      site: "HQ",
      enabled: true,
      health: "ok",
      state,
      problem,
      pollIntervalS: 60,
      lastAttemptAt: null,
      lastSuccessAt: null,
      consecutiveFailures: 0,
    });
    const html = renderToStaticMarkup(
      <SourceBanner
        sources={[
          source("a", "failing", "Linewatch cannot reach it."),
          source("b", "stale", "No successful poll for more than two poll intervals."),
          source("c", "ok", null),
        ]}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("1 source is failing and 1 source is stale");
    expect(html).toContain("cannot reach it");
    expect(html).not.toContain(">c<");
    expect(renderToStaticMarkup(<SourceBanner sources={[source("c", "ok", null)]} />)).toBe("");
  });

  test("count tables have headers and row headers", () => {
    const html = renderToStaticMarkup(
      <CountsTable
        title="By site"
        caption="Registration per site"
        rows={[{ key: "HQ", label: "HQ", href: "/phones?site=HQ", counts, total: 1000 }]}
      />,
    );
    expect(html).toContain("<caption");
    expect(html).toContain('<th scope="row"');
    expect(html).toContain(">Site<");
  });

  test("an SRST router in normal times reads standby, not a red 0 %", () => {
    const zero = { registered: 0, unregistered: 12, rejected: 0, partiallyRegistered: 0, unknown: 0 };
    const row = (name: string, standby: number, registered = 0) => ({
      sourceId: name,
      name,
      kind: "cme",
      site: "Manchester",
      counts: { ...zero, registered, unregistered: 12 - registered },
      total: 12,
      standby,
    });
    const html = renderToStaticMarkup(
      <SourcesTable bySource={[row("srst-normal", 12), row("srst-in-use", 4, 8)]} sources={[]} />,
    );
    expect(html).toContain("Standby");
    expect(html).toContain("no phones in fallback: its 12 phones are registered to");
    // The router that holds phones (in fallback) shows its figures.
    expect(html.match(/Standby/g)).toHaveLength(1);
    expect(html).toContain("66.7 %");
  });
});
