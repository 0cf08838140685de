// The markup Playwright and keyboard users rely on: named buttons per source, labelled form
// fields, health in words, the TLS warning, and results in plain words.
import { describe, expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Source } from "./api";
import { sourceKeys } from "./keys";
import { SourcesPage } from "./sources-page";
import { SourceForm } from "./source-form";
import { PollResultPanel, TestResultPanel } from "./test-result-panel";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const base: Source = {
  id: "r1",
  name: "Leeds",
  kind: "cme",
  site: "Leeds",
  urls: ["http://10.1.1.1"],
  username: "xml",
  tls: { mode: "system" },
  pollIntervalS: 120,
  timeoutMs: 30_000,
  budgetPerMinute: null,
  budgetReserve: null,
  replyCap: null,
  replyCapChecked: false,
  budgetRaised: false,
  selectItemsPerRequest: null,
  axlEnabled: false,
  axlUsername: null,
  configuredIntervalS: null,
  configured: null,
  enabled: true,
  demo: false,
  settingsVersion: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  health: {
    status: "unreachable",
    lastAttemptAt: minutesAgo(1),
    lastSuccessAt: minutesAgo(10),
    consecutiveFailures: 3,
    lastError: "The device did not answer in time.",
    nextPollAt: null,
    stale: true,
    staleSince: minutesAgo(10),
  },
  completeness: { at: minutesAgo(10), complete: true, reason: null },
  budget: null,
};
const cluster: Source = {
  ...base,
  id: "c1",
  name: "HQ",
  kind: "cucm",
  urls: ["https://cucm1:8443", "https://cucm2:8443"],
  tls: { mode: "insecure" },
  budgetPerMinute: 15,
  budgetReserve: 3,
  replyCap: 1000,
  selectItemsPerRequest: 500,
  axlEnabled: false,
  axlUsername: null,
  configuredIntervalS: null,
  configured: null,
  completeness: {
    at: minutesAgo(5),
    complete: false,
    reason: "Incomplete sweep: node cucm2 down (NodeNotResponding).",
  },
  health: { ...base.health, status: "ok", stale: false, staleSince: null, lastError: null },
  budget: { limit: 12, used: 4, pausedUntil: null },
};

function render(node: React.ReactNode, items: Source[] = [base, cluster]) {
  const client = new QueryClient();
  client.setQueryData(sourceKeys.list({}), { items });
  return renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

describe("sources markup", () => {
  test("admins get named actions per source; health, staleness, the last error and budget use read in words", () => {
    const html = render(<SourcesPage canManage canPoll />);
    for (const name of ["Leeds", "HQ"])
      for (const action of [`Test ${name}`, `Edit ${name}`, `Disable ${name}`, `Delete ${name}`, `Poll ${name} now`])
        expect(html).toContain(`aria-label="${action}"`);
    expect(html).toContain(">Add source<");
    expect(html).toContain("Unreachable");
    expect(html).toMatch(/stale since [^<]+ago/);
    expect(html).toContain("The device did not answer in time.");
    expect(html).toContain("TLS not verified");
    expect(html).toMatch(/<span class="font-medium">4<\/span> of 12 requests this minute/);
    expect(html).toContain('aria-label="RisPort budget used by HQ"');
    expect(html).toContain('<th scope="row"');
  });

  test("viewers see the table without any action; helpdesk may only poll", () => {
    const viewer = render(<SourcesPage canManage={false} canPoll={false} />);
    expect(viewer).not.toContain('aria-label="Test Leeds"');
    expect(viewer).not.toContain("Add source");
    expect(viewer).not.toContain("Poll Leeds now");
    const helpdesk = render(<SourcesPage canManage={false} canPoll />);
    expect(helpdesk).toContain('aria-label="Poll Leeds now"');
    expect(helpdesk).not.toContain('aria-label="Delete Leeds"');
  });

  test("the form labels every field; editing a cluster shows its budget and the TLS warning", () => {
    const add = render(<SourceForm editing={null} onSaved={() => {}} onCancel={() => {}} />);
    for (const label of [
      "Kind",
      "Source name",
      "Site",
      "Router address",
      "User name",
      "Password",
      "Certificate check",
      "Poll interval (seconds)",
      "Request timeout (seconds)",
    ])
      expect(add).toMatch(new RegExp(`<label for="[^"]+" class="[^"]*">${label.replace(/[()]/g, "\\$&")}</label>`));
    expect(add).toContain(">Test connection<");
    const edit = render(<SourceForm editing={cluster} onSaved={() => {}} onCancel={() => {}} />);
    expect(edit).toContain("Edit HQ");
    expect(edit).toContain("Node addresses");
    expect(edit).toContain("Requests per minute");
    expect(edit).toContain("Leave empty to keep the stored password");
    expect(edit).toMatch(/role="alert"[^>]*>Certificate verification is off/);
    expect(edit).not.toContain('value="secret');
  });

  test("a cluster with AXL shows its configured inventory; admins may read it now, others not", () => {
    const read: Source = {
      ...cluster,
      id: "c3",
      name: "Campus",
      tls: { mode: "system" },
      axlEnabled: true,
      configured: {
        readAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        count: 40_000,
        error: null,
        requested: false,
      },
    };
    const failing: Source = {
      ...read,
      id: "c4",
      name: "Branch",
      configured: {
        readAt: null,
        count: null,
        error: "AXL: The cluster refused the user name or password.",
        requested: true,
      },
    };
    const html = render(<SourcesPage canManage canPoll />, [base, cluster, read, failing]);
    expect(html).toMatch(/Configured devices: 40,000, read 2 h[^<]* ago/);
    expect(html).toContain("Configured devices: not read yet");
    expect(html).toContain("Reading the configuration failed: The cluster refused the user name or password.");
    expect(html).toContain("Read requested");
    expect(html).toContain('aria-label="Read the configuration of Campus now"');
    expect(html).toContain(">Read configuration now<");
    // Routers and clusters without AXL have no configured inventory.
    expect(html).not.toContain('aria-label="Read the configuration of HQ now"');
    expect(html).not.toContain('aria-label="Read the configuration of Leeds now"');
    const helpdesk = render(<SourcesPage canManage={false} canPoll />, [read]);
    expect(helpdesk).toContain("Configured devices: 40,000");
    expect(helpdesk).not.toContain("Read configuration now");
  });

  test("the cluster form has the AXL settings; a router's has none", () => {
    const withAxl: Source = { ...cluster, axlEnabled: true, axlUsername: "axl", configuredIntervalS: 7200 };
    const edit = render(<SourceForm editing={withAxl} onSaved={() => {}} onCancel={() => {}} />);
    expect(edit).toContain("Read the configured devices through AXL (publisher = first node)");
    for (const label of ["AXL user", "AXL password", "Read configuration every (hours)"])
      expect(edit).toMatch(new RegExp(`<label for="[^"]+" class="[^"]*">${label.replace(/[()]/g, "\\$&")}</label>`));
    expect(edit).toContain('value="axl"');
    expect(edit).toContain('value="2"');
    expect(edit).toContain("Leave empty to keep the stored AXL password");
    expect(edit).toMatch(/<input type="checkbox" checked=""[^>]*\/>Read the configured devices/);
    const router = render(<SourceForm editing={base} onSaved={() => {}} onCancel={() => {}} />);
    expect(router).not.toContain("AXL");
  });

  test("test and poll results in plain words", () => {
    const failed = renderToStaticMarkup(
      <TestResultPanel
        title="Leeds"
        result={{
          ok: false,
          kind: "cme",
          summary: "The device refused the user name or password.",
          durationMs: 12,
          router: null,
          cluster: null,
          error: {
            kind: "auth",
            type: "AuthError",
            message: "The device refused the user name or password.",
            retryAfterMs: null,
          },
        }}
        onClose={() => {}}
      />,
    );
    expect(failed).toContain("Leeds: test failed (AuthError)");
    expect(failed).toContain('role="alert"');
    const ok = renderToStaticMarkup(
      <TestResultPanel
        title="HQ"
        result={{
          ok: true,
          kind: "cucm",
          summary: "Cluster answered.",
          durationMs: 40,
          router: null,
          cluster: {
            answeredBy: "cucm1:8443",
            nodes: [{ node: "cucm1", returnCode: "Ok" }],
            sampleDevice: { name: "SEP1", registrationStatus: "Registered", node: "cucm1", model: "Cisco 8845" },
            budgetLimit: 12,
          },
          error: null,
        }}
        onClose={() => {}}
      />,
    );
    expect(ok).toContain("HQ: connection works");
    expect(ok).toContain("cucm1 (Ok)");
    const polled = renderToStaticMarkup(
      <PollResultPanel
        name="HQ"
        summary={{
          sourceId: "c1",
          sourceName: "HQ",
          status: "ok",
          devices: 120,
          changed: 3,
          requests: 2,
          durationMs: 840,
        }}
        onClose={() => {}}
      />,
    );
    expect(polled).toContain("Poll of HQ: ok");
    expect(polled).toContain("120 devices, 3 changed, 2 requests, 840 ms");
    const skipped = renderToStaticMarkup(
      <PollResultPanel
        name="HQ"
        summary={{
          sourceId: "c1",
          sourceName: "HQ",
          status: "skipped",
          devices: 0,
          changed: 0,
          requests: 0,
          durationMs: 0,
          error: "Another instance is polling HQ right now.",
        }}
        onClose={() => {}}
      />,
    );
    expect(skipped).toContain("Another instance is polling HQ right now.");
    expect(skipped).not.toContain("0 devices");
  });

  test("each source shows whether its last read was complete and why not; clusters beyond Cisco's limits carry a warning", () => {
    const raised: Source = {
      ...cluster,
      id: "c2",
      name: "Big",
      budgetPerMinute: 18,
      budgetRaised: true,
      replyCap: 2000,
      replyCapChecked: true,
    };
    const html = render(<SourcesPage canManage canPoll />, [base, cluster, raised]);
    expect(html).toContain(">Last read<");
    expect(html).toContain("Complete sweep");
    expect(html).toContain("Incomplete sweep: node cucm2 down (NodeNotResponding).");
    expect(html).toContain("Budget above Cisco&#x27;s documented 15 requests a minute (18)");
    expect(html).toContain("Reply cap above Cisco&#x27;s documented 1000 (2000)");
    const form = render(<SourceForm editing={raised} onSaved={() => undefined} onCancel={() => undefined} />);
    expect(form).toContain("Checked: this cluster returns more than 1000 per reply");
    expect(form).toContain("Budget raised on the cluster (above 15 a minute)");
    expect(form).toContain('role="alert"');
  });
});
