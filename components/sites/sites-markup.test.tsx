// Server-renders the sites parts from cached answers: the history reads in words, the demo WAN
// switch is offered to admins only, and rules read as labelled fields.
import { expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { DemoBranch } from "./demo-branch";
import { SiteHistory } from "./site-history";
import { SiteRulesForm } from "./site-rules-form";
import { siteKeys } from "./keys";
import type { DemoState, SiteEvents, SiteSettings } from "./api";

const render = (client: QueryClient, node: React.ReactNode) =>
  renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>);

test("the history lists each outage with its summary; an ongoing one says so", () => {
  const client = new QueryClient();
  const event = {
    id: "e1",
    site: "Manchester",
    startedAt: "2026-11-22T10:02:00.000Z",
    endedAt: null,
    durationMinutes: 3,
    phones: 24,
    peakOut: 24,
    out: 24,
    inFallback: 24,
    peakInFallback: 24,
    fallbackRouters: [{ sourceId: "r", name: "man-srst", count: 24 }],
    summary:
      "Site Manchester: 24 of 24 phones left registration at 10:02 UTC; 24 now in fallback on man-srst; 24 still out.",
  };
  client.setQueryData(siteKeys.events("Manchester"), { items: [event] } satisfies SiteEvents);
  const html = render(client, <SiteHistory site="Manchester" />);
  expect(html).toContain("Outages at Manchester");
  expect(html).toContain("24 now in fallback on man-srst");
  expect(html).toContain("Ongoing");
});

test("the branch WAN switch is for admins; others see the state only", () => {
  const client = new QueryClient();
  client.setQueryData(siteKeys.demo(), {
    running: true,
    branch: { site: "Manchester", router: "Demo SRST router Manchester", wan: "up" },
  } satisfies DemoState);
  expect(render(client, <DemoBranch canManage />)).toContain("Cut the Manchester WAN");
  const viewer = render(client, <DemoBranch canManage={false} />);
  expect(viewer).toContain("WAN now: <strong>up</strong>");
  expect(viewer).not.toContain("<button");
  client.setQueryData(siteKeys.demo(), { running: false, branch: null } satisfies DemoState);
  expect(render(client, <DemoBranch canManage />)).toBe("");
});

test("rules render as labelled, read-only fields for non-admins", () => {
  const client = new QueryClient();
  client.setQueryData(siteKeys.settings(), {
    rules: [{ kind: "subnet", pattern: "10.40.0.0/16", site: "Manchester" }],
    outage: { share: 0.3, minPhones: 5 },
    recompute: null,
  } satisfies SiteSettings);
  const html = render(client, <SiteRulesForm canManage={false} />);
  expect(html).toContain("Site rules");
  expect(html).not.toContain("Save site settings");
});

test("device pool and location are offered as kinds, with a hint and the order they are tried in", () => {
  const client = new QueryClient();
  client.setQueryData(siteKeys.settings(), {
    rules: [
      { kind: "subnet", pattern: "10.40.0.0/16", site: "Manchester" },
      { kind: "device-pool", pattern: "", site: "Leeds" },
    ],
    outage: { share: 0.3, minPhones: 5 },
    recompute: null,
  } satisfies SiteSettings);
  const html = render(client, <SiteRulesForm canManage />);
  expect(html).toContain(">Device pool is</option>");
  expect(html).toContain(">Location is</option>");
  expect(html).toContain("e.g. BR-LEEDS, or BR-* for every BR- pool");
  expect(html).toContain("Device pool and location rules are tried before subnet and prefix rules");
});
