// Server-renders the phone page from a cached answer: every source's record, addresses,
// firmware download, lines and the timeline in words.
import { expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { PhoneDetail } from "./phone-detail";
import { phoneKeys } from "./keys";
import { refreshLine } from "./refresh-button";
import type { PhoneDetail as Detail } from "./api";

const record: Detail["records"][number] = {
  id: "r1",
  name: "SEP000DBC80EB51",
  mac: "000D.BC80.EB51",
  deviceClass: "Phone",
  model: "Cisco 8845",
  protocol: "SIP",
  description: "Lobby",
  userName: "alice",
  effectiveStatus: "in-fallback",
  fallbackSourceId: "r",
  fallbackRouter: "leeds-srst",
  effectiveChangedAt: "2024-01-01T00:00:00.000Z",
  registrationStatus: "rejected",
  statusReason: "Configuration mismatch",
  ipAddress: "10.2.0.5",
  ipv6Address: "",
  firmware: "sip88xx.14",
  node: "cucm1",
  keyPhone: null,
  primaryDn: "1001",
  lineCount: 1,
  missing: false,
  statusChangedAt: "2024-01-01T00:00:00.000Z",
  updatedAt: "2024-01-01T00:00:00.000Z",
  sourceId: "s",
  sourceName: "cucm-east",
  sourceKind: "cucm",
  sourceSite: "East",
  site: "Leeds",
  devicePool: "DP-Leeds",
  location: "Loc-Leeds",
  firstSeenAt: "2023-12-01T00:00:00.000Z",
  // The cluster has no AXL: its phones are not restarted from here.
  restartable: false,
  lines: [{ dn: "1001", status: "unregistered", partition: "Internal" }],
  detail: {
    addresses: [{ ip: "10.2.0.5", type: "ipv4", attribute: "administrative" }],
    firmware: {
      active: "sip88xx.14",
      inactive: "sip88xx.12",
      downloadStatus: "Failed",
      downloadFailureReason: "File not found",
      downloadServer: "10.1.0.5",
    },
    product: 36670,
  },
};

test("the phone page shows each record, its addresses, firmware download, lines and history", () => {
  const client = new QueryClient();
  const detail: Detail = {
    name: record.name,
    mac: record.mac,
    effectiveStatus: "in-fallback",
    fallbackRouter: "leeds-srst",
    site: "Leeds",
    records: [record],
    historyLimit: 200,
    history: [
      {
        id: 1,
        at: "2024-01-01T00:00:00.000Z",
        sourceId: "s",
        sourceName: "cucm-east",
        subject: record.name,
        change: "status",
        before: "registered",
        after: "rejected",
        reason: "Configuration mismatch",
      },
    ],
    ctiControl: [
      {
        appId: "recorder-7",
        userId: "recsvc",
        status: "open",
        reason: "",
        sourceName: "cucm-east",
        deviceStatus: "open",
      },
    ],
  };
  client.setQueryData(phoneKeys.detail(record.name), detail);
  const html = renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <PhoneDetail name={record.name} />
    </QueryClientProvider>,
  );
  expect(html).toContain("cucm-east");
  expect(html).toContain("In fallback on leeds-srst");
  expect(html).toContain("Site Leeds");
  expect(html).toContain("Configuration mismatch");
  expect(html).toContain("Why:");
  expect(html).toContain("10.2.0.5 · ipv4 · administrative");
  expect(html).toContain("Failed (File not found)");
  expect(html).toContain("Internal");
  expect(html).toContain('Registered <span aria-hidden="true">→</span><span class="sr-only">to</span> Rejected');
  // Everything else reads in words: "Product 36670", not the raw key.
  expect(html).toContain("Product");
  expect(html).toContain("36670");
  expect(html).toContain("Show the raw record (JSON)");
  expect(html).toContain("recorder-7");
  expect(html).toContain("recsvc");
  // From the cluster's configured inventory (AXL).
  expect(html).toMatch(/>Device pool<\/dt><dd[^>]*>DP-Leeds</);
  expect(html).toMatch(/>Location<\/dt><dd[^>]*>Loc-Leeds</);
});

test("a phone without a configured inventory shows no device pool or location; a not-seen one says for how long", () => {
  const client = new QueryClient();
  const unseen = {
    ...record,
    devicePool: "",
    location: "",
    effectiveStatus: "not-seen" as const,
    registrationStatus: "not-seen" as const,
    statusReason: "Not seen by RisPort for 30 days",
  };
  client.setQueryData(phoneKeys.detail(record.name), {
    name: record.name,
    mac: record.mac,
    effectiveStatus: "not-seen",
    fallbackRouter: null,
    site: "",
    records: [unseen],
    historyLimit: 200,
    history: [],
    ctiControl: [],
  } satisfies Detail);
  const html = renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <PhoneDetail name={record.name} />
    </QueryClientProvider>,
  );
  expect(html).not.toContain(">Device pool<");
  expect(html).not.toContain(">Location<");
  expect(html.match(/>Not seen for 30 days</g)).toHaveLength(2);
});

test('"Refresh now" is offered only to users who may poll now', () => {
  const client = new QueryClient();
  client.setQueryData(phoneKeys.detail(record.name), {
    name: record.name,
    mac: record.mac,
    effectiveStatus: "registered",
    fallbackRouter: null,
    site: "",
    records: [record],
    historyLimit: 200,
    history: [],
    ctiControl: [],
  } satisfies Detail);
  const render = (canRefresh: boolean) =>
    renderToStaticMarkup(
      <QueryClientProvider client={client}>
        <PhoneDetail name={record.name} canRefresh={canRefresh} />
      </QueryClientProvider>,
    );
  expect(render(true)).toContain("Refresh now");
  expect(render(false)).not.toContain("Refresh now");
});

test("refresh results read as one plain line per source", () => {
  const base = { sourceId: "s", sourceName: "Demo cluster", kind: "cucm" as const };
  expect(
    refreshLine({
      ...base,
      outcome: "updated",
      message: "updated — 11 requests left this minute",
      budget: { remaining: 11 },
    }),
  ).toBe("Demo cluster: updated — 11 requests left this minute");
  const spent = refreshLine({
    ...base,
    outcome: "budget-spent",
    message: "spent",
    budget: { remaining: 0, nextSlotAt: "2026-01-05T10:02:15.000Z" },
  });
  expect(spent).toMatch(/^Demo cluster: budget spent, next slot at \d\d:\d\d:15$/);
  expect(refreshLine({ ...base, outcome: "failed", message: "No node of the cluster answered." })).toBe(
    "Demo cluster: failed — No node of the cluster answered.",
  );
});

test("a CME record offers key-phone and password actions to those allowed, and says why it is down", () => {
  const client = new QueryClient();
  const cme: Detail["records"][number] = {
    ...record,
    id: "r2",
    sourceId: "rtr",
    sourceName: "branch-rtr",
    sourceKind: "cme",
    registrationStatus: "unregistered",
    statusReason: "Stopped sending keepalives",
    keyPhone: false,
    statusChangedAt: "2023-12-01T00:00:00.000Z",
    restartable: true,
  };
  client.setQueryData(phoneKeys.detail(record.name), {
    name: record.name,
    mac: record.mac,
    effectiveStatus: "unregistered",
    fallbackRouter: null,
    site: "",
    records: [cme, record],
    historyLimit: 200,
    history: [],
    ctiControl: [],
  } satisfies Detail);
  const render = (rights: { keyPhones: boolean; resetPassword: boolean; restart: boolean }) =>
    renderToStaticMarkup(
      <QueryClientProvider client={client}>
        <PhoneDetail name={record.name} rights={rights} />
      </QueryClientProvider>,
    );
  const helpdesk = render({ keyPhones: true, resetPassword: true, restart: true });
  // Once per CME record: the cluster record offers none (its source has no AXL).
  expect(helpdesk.match(/Set as key phone/g)).toHaveLength(1);
  expect(helpdesk.match(/Restart phone/g)).toHaveLength(1);
  expect(helpdesk.match(/Reset phone/g)).toHaveLength(1);
  expect(helpdesk).toContain("Reset password of alice");
  expect(helpdesk).toContain('href="/cme-users?router=rtr&amp;user=alice"');
  expect(helpdesk).toContain('href="/extensions?q=1001&amp;source=rtr"');
  // Down since Linewatch first read it: said so, not "N days ago".
  expect(helpdesk).toContain("Stopped sending keepalives");
  expect(helpdesk).toContain("already so when Linewatch first read it");
  const viewer = render({ keyPhones: false, resetPassword: false, restart: false });
  expect(viewer).not.toContain("Set as key phone");
  expect(viewer).not.toContain("Restart phone");
  expect(viewer).not.toContain("Reset password");
  expect(viewer).not.toContain("/cme-users?");
});

test("a cluster record whose source has AXL offers restart and reset to those allowed, and nothing of a router's", () => {
  const client = new QueryClient();
  const cluster: Detail["records"][number] = { ...record, restartable: true };
  client.setQueryData(phoneKeys.detail(record.name), {
    name: record.name,
    mac: record.mac,
    effectiveStatus: "registered",
    fallbackRouter: null,
    site: "",
    records: [cluster],
    historyLimit: 200,
    history: [],
    ctiControl: [],
  } satisfies Detail);
  const render = (restart: boolean) =>
    renderToStaticMarkup(
      <QueryClientProvider client={client}>
        <PhoneDetail name={record.name} rights={{ keyPhones: true, resetPassword: true, restart }} />
      </QueryClientProvider>,
    );
  const helpdesk = render(true);
  expect(helpdesk).toContain("Restart phone");
  expect(helpdesk).toContain("Reset phone");
  expect(helpdesk).not.toContain("key phone");
  expect(helpdesk).not.toContain("Reset password");
  expect(render(false)).not.toContain("Restart phone");
});
