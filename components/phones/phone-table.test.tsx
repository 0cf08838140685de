import { expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { PhoneTable } from "./phone-table";
import type { PhoneRow } from "./api";

const row: PhoneRow = {
  id: "1",
  name: "SEP000DBC80EB51",
  mac: "000D.BC80.EB51",
  deviceClass: "Phone",
  model: "Cisco 7960",
  protocol: "SCCP",
  description: "Lobby",
  userName: "alice",
  effectiveStatus: "unregistered",
  fallbackSourceId: null,
  fallbackRouter: null,
  effectiveChangedAt: "2024-01-01T00:00:00.000Z",
  registrationStatus: "unregistered",
  statusReason: "Keep-alive timeout",
  ipAddress: "10.1.0.10",
  ipv6Address: "",
  firmware: "SCCP41",
  node: "hq",
  keyPhone: true,
  primaryDn: "1001",
  lineCount: 2,
  missing: false,
  statusChangedAt: "2024-01-01T00:00:00.000Z",
  updatedAt: "2024-01-01T00:00:00.000Z",
  sourceId: "s",
  sourceName: "cme-hq",
  sourceKind: "cme",
  sourceSite: "HQ",
  site: "HQ",
  devicePool: "",
  location: "",
};

test("sortable headers announce their state; rows link to the phone and show the reason", () => {
  const html = renderToStaticMarkup(
    <PhoneTable rows={[row]} sort="status" order="desc" onSort={() => {}} busy={false} />,
  );
  expect(html).toContain('aria-sort="descending"');
  expect((html.match(/aria-sort="none"/g) ?? []).length).toBe(5);
  expect(html).toContain('href="/phones/SEP000DBC80EB51"');
  expect(html).toContain("Keep-alive timeout");
  expect(html).toContain("2 lines");
  expect(html).toContain("key phone");
});

test("a phone in fallback shows its effective state and names the router, not the cluster's unregistered", () => {
  const html = renderToStaticMarkup(
    <PhoneTable
      rows={[{ ...row, effectiveStatus: "in-fallback", fallbackSourceId: "r", fallbackRouter: "leeds-srst" }]}
      sort="name"
      order="asc"
      onSort={() => {}}
      busy={false}
    />,
  );
  expect(html).toContain("In fallback on leeds-srst");
  expect(html).not.toContain(">Unregistered<");
});

test("in the records view each row shows what its own source reports", () => {
  const html = renderToStaticMarkup(
    <PhoneTable
      rows={[{ ...row, effectiveStatus: "in-fallback", fallbackSourceId: "r", fallbackRouter: "leeds-srst" }]}
      sort="name"
      order="asc"
      onSort={() => {}}
      busy={false}
      records
    />,
  );
  expect(html).toContain(">Unregistered<");
  expect(html).not.toContain("In fallback");
});
