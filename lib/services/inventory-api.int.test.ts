// The inventory read API end to end through the real route handlers and a real database:
// phones (filters, every MAC notation, paging, sorts, CSV), phone detail with history,
// extensions and CTI apps.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { deviceRow, insertInventory, seedFleetFixture, statusChange } from "@/lib/testing/seed-inventory";
import { GET as listPhones } from "@/app/api/v1/phones/route";
import { GET as getPhone } from "@/app/api/v1/phones/[name]/route";
import { GET as listExtensions } from "@/app/api/v1/extensions/route";
import { GET as listCtiApps } from "@/app/api/v1/cti-apps/route";
import { POST as lookupPhonesRoute } from "@/app/api/v1/phone-lookup/route";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let database: TestDatabase;
let token: string;
let ids: { hq: string; east: string; branch: string };

beforeAll(async () => {
  database = await startTestDatabase();
  token = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  ids = await seedFleetFixture(new Date("2030-01-10T12:30:00Z"));
});
afterAll(async () => database?.stop());

function call(
  handler: Handler,
  path: string,
  query: Record<string, string> = {},
  params: Record<string, string> = {},
  auth = true,
) {
  const url = new URL(`http://127.0.0.1/api/v1${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return handler(new NextRequest(url, { headers: auth ? { authorization: `Bearer ${token}` } : {} }), {
    params: Promise.resolve(params),
  });
}

async function json<T = { items: Record<string, unknown>[]; total: number; page: number; pageSize: number }>(
  response: Response | Promise<Response>,
): Promise<T> {
  const r = await response;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
}
const names = (body: { items: Record<string, unknown>[] }) => body.items.map((i) => i.name);

describe("GET /phones, one row per device (the default view)", () => {
  test("a phone two sources report is one row with its effective state; a stale source's phones read unknown", async () => {
    const body = await json(call(listPhones, "/phones", { pageSize: "500" }));
    // 38 current records, one a CTI port (infrastructure: not a phone), the lobby phone on two sources: 36 phones.
    expect(body.total).toBe(36);
    const lobby = body.items.filter((i) => i.name === "SEP000DBC80EB51");
    expect(lobby).toHaveLength(1);
    // Its cluster's data is stale, the HQ router has it registered: it is in fallback there.
    expect(lobby[0]).toMatchObject({
      effectiveStatus: "in-fallback",
      fallbackRouter: "cme-hq",
      site: "HQ",
      sourceName: "cucm-east",
      registrationStatus: "registered",
    });
    expect(names(await json(call(listPhones, "/phones", { status: "in-fallback" })))).toEqual(["SEP000DBC80EB51"]);
    expect(names(await json(call(listPhones, "/phones", { status: "unregistered" })))).toEqual(["SEP001122334455"]);
    // The East cluster (2 h since its last poll, 5 min interval) and the auth-failed branch are stale.
    expect((await json(call(listPhones, "/phones", { status: "unknown" }))).total).toBe(33);
    expect((await json(call(listPhones, "/phones", { includeMissing: "true" }))).total).toBe(37);
  });

  test("status sort puts problems first with in fallback before unknown and registered last", async () => {
    const statuses = (await json(call(listPhones, "/phones", { sort: "status", pageSize: "500" }))).items.map((i) =>
      String(i.effectiveStatus),
    );
    expect([...new Set(statuses)]).toEqual(["unregistered", "in-fallback", "unknown", "registered"]);
  });

  test("the phone page carries the effective state and lists the representing record first", async () => {
    const body = await json<{
      effectiveStatus: string;
      fallbackRouter: string | null;
      site: string;
      records: { sourceName: string }[];
    }>(call(getPhone, "/phones/SEP000DBC80EB51", {}, { name: "SEP000DBC80EB51" }));
    expect(body).toMatchObject({ effectiveStatus: "in-fallback", fallbackRouter: "cme-hq", site: "HQ" });
    expect(body.records.map((r) => r.sourceName)).toEqual(["cucm-east", "cme-hq"]);
  });
});

describe("GET /phones", () => {
  test("phones by default; soft clients, infrastructure or every device on request", async () => {
    const kinds = async (query: Record<string, string>) =>
      names(await json(call(listPhones, "/phones", { pageSize: "500", ...query })));
    expect(await kinds({})).not.toContain("CTIPORT1");
    expect(await kinds({ class: "infrastructure" })).toEqual(["CTIPORT1"]);
    expect(await kinds({ class: "all" })).toHaveLength(37);
    expect(await kinds({ deviceClass: "Cti" })).toEqual(["CTIPORT1"]);
    expect(await kinds({ class: "soft-clients" })).toEqual([]);
    expect(await kinds({ class: "desk-phones" })).toHaveLength(36);
    expect((await call(listPhones, "/phones", { class: "trunks" })).status).toBe(400);
  });

  test("a status filter takes several statuses, or everything not registered, and a reason exactly", async () => {
    const query = async (q: Record<string, string>) =>
      names(await json(call(listPhones, "/phones", { view: "records", pageSize: "500", ...q }))).sort();
    expect(await query({ status: "unregistered,rejected" })).toEqual([
      "SEP001122334455",
      "SEPB0B0B0B0B0B0",
      "SEPC0C0C0C0C0C0",
    ]);
    const notRegistered = await query({ status: "not-registered" });
    expect(notRegistered).toEqual(expect.arrayContaining(["SEPB0B0B0B0B0B0", "SEPD0D0D0D0D0D0"]));
    expect(notRegistered).toHaveLength(4 + 5);
    expect(await query({ status: "unregistered", reason: "Keep-alive timeout" })).toEqual([
      "SEP001122334455",
      "SEPC0C0C0C0C0C0",
    ]);
    expect(await query({ status: "partially-registered", reason: "" })).toEqual(["SEPD0D0D0D0D0D0"]);
    const bad = await call(listPhones, "/phones", { status: "unregistered,asleep" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("asleep");
  });

  test("a person's name finds the phone on their numbers; a one-word search names its exact matches", async () => {
    // Alice Adams is the name on ephone-dn 1001, the lobby phone's first line.
    expect(names(await json(call(listPhones, "/phones", { q: "adams" })))).toEqual(["SEP000DBC80EB51"]);
    expect(names(await json(call(listPhones, "/phones", { q: "Smith" })))).toEqual(["SEP001122334455"]);
    const exact = async (q: string) =>
      ((await json<{ exact?: { name: string }[] }>(call(listPhones, "/phones", { q }))).exact ?? []).map((p) => p.name);
    expect(await exact("sep000dbc80eb51")).toEqual(["SEP000DBC80EB51"]);
    expect(await exact("10.2.0.7")).toEqual(["SEPC0C0C0C0C0C0"]);
    expect(await exact("1003")).toEqual(["SEP001122334455"]);
    expect(await exact("lobby")).toEqual([]);
    expect(await exact("lobby phone")).toEqual([]);
  });

  test("a pasted list returns each item's phones with their state, and what nothing matched", async () => {
    const lookup = (body: unknown, headers: Record<string, string> = {}) =>
      lookupPhonesRoute(
        new NextRequest("http://127.0.0.1/api/v1/phone-lookup", {
          method: "POST",
          body: JSON.stringify(body),
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
        }),
        { params: Promise.resolve({}) },
      );
    const response = await lookup({ text: "00:0d:bc:80:eb:51\n1002, 10.2.0.6;nothing-here\n+4930123456" });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as {
      results: { query: string; kind: string; phones: { name: string; effectiveStatus: string }[] }[];
      notFound: string[];
    };
    expect(body.results.map((r) => [r.query, r.kind, r.phones.map((p) => `${p.name}:${p.effectiveStatus}`)])).toEqual([
      ["00:0d:bc:80:eb:51", "mac", ["SEP000DBC80EB51:in-fallback"]],
      // 1002 is the lobby phone's second line: a lookup matches any line.
      ["1002", "dn", ["SEP000DBC80EB51:in-fallback"]],
      ["10.2.0.6", "ip", ["SEPB0B0B0B0B0B0:unknown"]],
      ["nothing-here", "name", []],
      ["+4930123456", "dn", ["SEP000DBC80EB51:in-fallback"]],
    ]);
    expect(body.notFound).toEqual(["nothing-here"]);
    const many = Array.from({ length: 501 }, (_, i) => `SEP${String(i).padStart(12, "0")}`);
    expect((await lookup({ items: many })).status).toBe(422);
    const tooMany = await lookup({ text: many.join("\n") });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.message).toContain("At most 500 items");
    expect((await lookup({})).status).toBe(422);
  });

  test("401 without a token", async () => {
    expect((await call(listPhones, "/phones", { view: "records" }, {}, false)).status).toBe(401);
  });

  test("lists current records of every source with source name and site; missing ones on request", async () => {
    const body = await json(call(listPhones, "/phones", { view: "records", pageSize: "500" }));
    expect(body.total).toBe(37);
    const lobby = body.items.filter((i) => i.name === "SEP000DBC80EB51");
    expect(lobby.map((i) => i.sourceName).sort()).toEqual(["cme-hq", "cucm-east"]);
    expect(lobby.find((i) => i.sourceName === "cme-hq")).toMatchObject({
      site: "HQ",
      mac: "000D.BC80.EB51",
      primaryDn: "1001",
      lineCount: 2,
      keyPhone: true,
      registrationStatus: "registered",
    });
    expect((await json(call(listPhones, "/phones", { view: "records", includeMissing: "true" }))).total).toBe(38);
  });

  test.each(["000D.BC80.EB51", "00:0d:bc:80:eb:51", "000dbc80eb51", "SEP000DBC80EB51", "00-0D-BC-80-EB-51", "eb51"])(
    "q=%s finds the phone on both sources",
    async (q) => {
      const body = await json(call(listPhones, "/phones", { view: "records", q }));
      expect(body.total).toBe(2);
      expect(new Set(names(body))).toEqual(new Set(["SEP000DBC80EB51"]));
    },
  );

  test("q matches directory numbers, IP addresses, descriptions and users, every word", async () => {
    expect(names(await json(call(listPhones, "/phones", { view: "records", q: "1002" })))).toEqual(["SEP000DBC80EB51"]);
    expect(names(await json(call(listPhones, "/phones", { view: "records", q: "4930123" })))).toEqual([
      "SEP000DBC80EB51",
    ]);
    expect(names(await json(call(listPhones, "/phones", { view: "records", q: "10.2.0.7" })))).toEqual([
      "SEPC0C0C0C0C0C0",
    ]);
    // The lobby phone's description, and "Lobby" the name on its second line: both its records.
    expect(names(await json(call(listPhones, "/phones", { view: "records", q: "LOBBY" })))).toEqual([
      "SEP000DBC80EB51",
      "SEP000DBC80EB51",
    ]);
    // Bob: the user on one phone, and Bob Smith's number (1003) on another.
    expect(names(await json(call(listPhones, "/phones", { view: "records", q: "Bob" }))).sort()).toEqual([
      "SEP001122334455",
      "SEPAABBCCDDEEFF",
    ]);
    expect((await json(call(listPhones, "/phones", { view: "records", q: "lobby 1001" }))).total).toBe(1);
    expect((await json(call(listPhones, "/phones", { view: "records", q: "lobby 2001" }))).total).toBe(0);
  });

  test("filters by source, site, status, protocol, model and key phone", async () => {
    expect((await json(call(listPhones, "/phones", { view: "records", source: ids.hq }))).total).toBe(3);
    // The lobby phone's cluster record shares its device's site: the HQ router it is also on.
    expect((await json(call(listPhones, "/phones", { view: "records", site: "East" }))).total).toBe(3);
    expect(names(await json(call(listPhones, "/phones", { view: "records", status: "unregistered" }))).sort()).toEqual([
      "SEP001122334455",
      "SEPC0C0C0C0C0C0",
    ]);
    expect((await json(call(listPhones, "/phones", { view: "records", protocol: "SIP" }))).total).toBe(5);
    expect((await json(call(listPhones, "/phones", { view: "records", model: "Cisco 7945" }))).total).toBe(30);
    expect(names(await json(call(listPhones, "/phones", { view: "records", keyPhone: "true" })))).toEqual([
      "SEP000DBC80EB51",
    ]);
    expect((await json(call(listPhones, "/phones", { view: "records", keyPhone: "false" }))).total).toBe(36);
    expect(
      (await json(call(listPhones, "/phones", { view: "records", source: ids.east, status: "rejected" }))).items[0],
    ).toMatchObject({ name: "SEPB0B0B0B0B0B0", statusReason: "Configuration mismatch" });
  });

  test("pages: page 4 of 10 holds the last 7; bad paging is a 400", async () => {
    const page4 = await json(call(listPhones, "/phones", { view: "records", pageSize: "10", page: "4" }));
    expect(page4).toMatchObject({ total: 37, page: 4, pageSize: 10 });
    expect(page4.items).toHaveLength(7);
    const all = names(await json(call(listPhones, "/phones", { view: "records", pageSize: "500" })));
    expect(names(page4)).toEqual(all.slice(30));
    expect((await call(listPhones, "/phones", { view: "records", pageSize: "501" })).status).toBe(400);
    expect((await call(listPhones, "/phones", { view: "records", status: "sleeping" })).status).toBe(400);
  });

  test("sorts by name, status (problems first), model, IP, last change and source, both ways", async () => {
    expect(names(await json(call(listPhones, "/phones", { view: "records", pageSize: "1" })))).toEqual([
      "SEP000DBC80EB51",
    ]);
    const byStatus = await json(call(listPhones, "/phones", { view: "records", sort: "status", pageSize: "500" }));
    expect(byStatus.items.map((i) => i.registrationStatus).slice(0, 4)).toEqual([
      "rejected",
      "unregistered",
      "unregistered",
      "partially-registered",
    ]);
    expect(byStatus.items.at(-1)!.registrationStatus).toBe("registered");
    // The status sort pages across groups exactly like the full list.
    const statusPage = await json(
      call(listPhones, "/phones", { view: "records", sort: "status", pageSize: "3", page: "2" }),
    );
    expect(names(statusPage)).toEqual(names(byStatus).slice(3, 6));
    expect(
      (await json(call(listPhones, "/phones", { view: "records", sort: "status", order: "desc", pageSize: "1" })))
        .items[0]!.registrationStatus,
    ).toBe("registered");

    const sorted = async (sort: string, order: string, field: string) =>
      (await json(call(listPhones, "/phones", { view: "records", sort, order, pageSize: "500" }))).items.map((i) =>
        String(i[field]),
      );
    const isSorted = (values: string[], order: string) =>
      values.every((v, i) => i === 0 || (order === "asc" ? values[i - 1]! <= v : values[i - 1]! >= v));
    for (const order of ["asc", "desc"]) {
      expect(isSorted(await sorted("model", order, "model"), order)).toBe(true);
      expect(isSorted(await sorted("ip", order, "ipAddress"), order)).toBe(true);
      expect(isSorted(await sorted("lastChange", order, "statusChangedAt"), order)).toBe(true);
      expect(isSorted(await sorted("source", order, "sourceName"), order)).toBe(true);
      expect(isSorted(await sorted("name", order, "name"), order)).toBe(true);
    }
  });

  test("format=csv exports the whole filtered list with a header, guarding formulas", async () => {
    const response = await call(listPhones, "/phones", {
      view: "records",
      format: "csv",
      source: ids.hq,
      pageSize: "1",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("linewatch-phones.csv");
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "name,mac,description,user,model,protocol,deviceClass,primaryDn,lineCount,status,fallbackRouter,sourceStatus,statusReason,ipAddress,ipv6Address,node,firmware,keyPhone,lastChange,source,site,missing,devicePool,location",
    );
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith("SEP001122334455"))).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const all = (await (await call(listPhones, "/phones", { view: "records", format: "csv", sort: "status" })).text())
      .trimEnd()
      .split("\r\n");
    expect(all).toHaveLength(38);
    expect(all[1]).toMatch(/^SEPB0B0B0B0B0B0,/);
    // bom=1 for Excel: the same file behind a UTF-8 byte order mark; without it, none.
    const bytes = new Uint8Array(
      await (
        await call(listPhones, "/phones", { view: "records", format: "csv", source: ids.hq, bom: "1" })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 7)]).toEqual([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("name")]);
    const plain = new Uint8Array(
      await (await call(listPhones, "/phones", { view: "records", format: "csv", source: ids.hq })).arrayBuffer(),
    );
    expect(plain[0]).toBe("n".charCodeAt(0));
  });
});

describe("GET /phones/{name}", () => {
  test("every source's record, lines, detail and the change history, newest first", async () => {
    const body = await json<{
      name: string;
      mac: string;
      records: Record<string, unknown>[];
      history: { change: string; at: string; sourceName: string }[];
    }>(call(getPhone, "/phones/SEP000DBC80EB51", {}, { name: "SEP000DBC80EB51" }));
    expect(body.name).toBe("SEP000DBC80EB51");
    expect(body.mac).toBe("000D.BC80.EB51");
    expect(body.records.map((r) => r.sourceName).sort()).toEqual(["cme-hq", "cucm-east"]);
    const hq = body.records.find((r) => r.sourceName === "cme-hq")!;
    expect(hq).toMatchObject({
      lines: [
        { dn: "1001", status: "registered" },
        { dn: "1002", status: "registered" },
      ],
      detail: { ephoneTag: 1, firmware: { downloadStatus: "Successful" } },
      firmware: "SCCP41.9-4",
      keyPhone: true,
      node: "hq-router",
    });
    expect(body.history.map((h) => h.change)).toEqual(["ip", "status", "status"]);
    expect(body.history[0]!.sourceName).toBe("cucm-east");
    // The recorder application that controls this phone (and only that one).
    expect((body as unknown as { ctiControl: { appId: string; status: string }[] }).ctiControl).toEqual([
      expect.objectContaining({ appId: "app-4", status: "open-failed", sourceName: "cucm-east" }),
    ]);
  });

  test.each(["000d.bc80.eb51", "00:0D:BC:80:EB:51", "sep000dbc80eb51"])("found by %s too", async (name) => {
    const body = await json<{ records: unknown[] }>(call(getPhone, `/phones/${name}`, {}, { name }));
    expect(body.records).toHaveLength(2);
  });

  test("the history is capped; an unknown phone is a 404", async () => {
    const start = new Date("2029-01-01T00:00:00Z").getTime();
    await insertInventory({
      devices: [deviceRow(ids.branch, { name: "SEPFFFF00000001" })],
      changes: Array.from({ length: 230 }, (_, i) =>
        statusChange(ids.branch, "SEPFFFF00000001", new Date(start + i * 60_000), "registered", "unregistered"),
      ),
    });
    const body = await json<{ history: { at: string }[]; historyLimit: number }>(
      call(getPhone, "/phones/SEPFFFF00000001", {}, { name: "SEPFFFF00000001" }),
    );
    expect(body.history).toHaveLength(body.historyLimit);
    expect(body.history[0]!.at).toBe(new Date(start + 229 * 60_000).toISOString());
    const missing = await call(getPhone, "/phones/SEP999999999999", {}, { name: "SEP999999999999" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  });
});

describe("GET /extensions", () => {
  test("filters by source, status and words over number and names; pages; CSV", async () => {
    expect((await json(call(listExtensions, "/extensions"))).total).toBe(4);
    expect((await json(call(listExtensions, "/extensions", { source: ids.hq }))).total).toBe(3);
    expect((await json(call(listExtensions, "/extensions", { status: "down" }))).items.map((i) => i.number)).toEqual([
      "1003",
    ]);
    expect((await json(call(listExtensions, "/extensions", { q: "smith" }))).items.map((i) => i.number)).toEqual([
      "1003",
    ]);
    expect((await json(call(listExtensions, "/extensions", { q: "100" }))).total).toBe(3);
    const first = await json(call(listExtensions, "/extensions", { source: ids.hq, pageSize: "2", page: "2" }));
    expect(first.items.map((i) => i.number)).toEqual(["1003"]);
    expect((await json(call(listExtensions, "/extensions", { q: "alice" }))).items[0]).toMatchObject({
      devices: ["SEP000DBC80EB51"],
      sourceName: "cme-hq",
      site: "HQ",
    });
    const csv = await (await call(listExtensions, "/extensions", { format: "csv" })).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^number,secondaryNumber,/);
    expect(lines).toHaveLength(5);
    // A plain number is not a formula (issue 15): the DN stays as dialled.
    expect(csv).toMatch(/(^|\n)-5000,/);
    expect(csv).toContain(",'=cmd,");
  });
});

describe("GET /cti-apps", () => {
  test("status sort puts failed opens first; filters by status; CSV", async () => {
    const body = await json(call(listCtiApps, "/cti-apps"));
    expect(body.items.map((i) => [i.appId, i.status])).toEqual([
      ["app-2", "open-failed"],
      ["app-4", "open-failed"],
      ["app-3", "closed"],
      ["app-1", "open"],
    ]);
    expect(body.items[0]).toMatchObject({ reason: "Authentication failed", sourceName: "cucm-east", site: "East" });
    expect((await json(call(listCtiApps, "/cti-apps", { order: "desc" }))).items[0]!.status).toBe("open");
    expect((await json(call(listCtiApps, "/cti-apps", { status: "open-failed" }))).total).toBe(2);
    expect(
      (await json(call(listCtiApps, "/cti-apps", { sort: "appId", pageSize: "1", page: "3" }))).items.map(
        (i) => i.appId,
      ),
    ).toEqual(["app-3"]);
    expect((await json(call(listCtiApps, "/cti-apps", { source: ids.hq }))).total).toBe(0);
    const lines = (await (await call(listCtiApps, "/cti-apps", { format: "csv" })).text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("appId,user,address,status,reason,node,devices,lines,lastChange,source,site,missing");
    expect(lines[1]).toMatch(/^app-2,uccx,,open-failed,Authentication failed,/);
    expect(lines).toHaveLength(5);
  });
});
