// The AXL client against canned replies shaped as Cisco's documents show them: schema version
// negotiation, typed faults, paging that shrinks when a page is too large, rows merged into
// devices across page ends, one request at a time. (lib/axl/client.int.test.ts runs it against
// the simulated cluster over HTTP.)
import { describe, expect, test } from "vitest";
import { AuthError, RateLimited } from "@/lib/soap/errors";
import type { PostXmlOptions, XmlReply } from "@/lib/soap/transport";
import { createAxlClient } from "./client";
import { AxlFault, AxlTooLarge, AxlVersionUnsupported } from "./errors";

const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
const ok = (operation: string, inner: string, version = "14.0"): XmlReply => ({
  status: 200,
  headers: {},
  body: envelope(
    `<ns:${operation}Response xmlns:ns="http://www.cisco.com/AXL/API/${version}"><return>${inner}</return></ns:${operation}Response>`,
  ),
});
const fault = (text: string, code: number, operation: string): XmlReply => ({
  status: 500,
  headers: {},
  body: envelope(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${text}</faultstring><detail><axlError><axlcode>${code}</axlcode><axlmessage>${text}</axlmessage><request>${operation}</request></axlError></detail></soapenv:Fault>`,
  ),
});
const versionReply = ok("getCCMVersion", "<componentVersion><version>14.0.1.11900(132)</version></componentVersion>");
const operationOf = (o: PostXmlOptions) => /CUCM:DB ver=[\d.]+ (\w+)/.exec(o.soapAction ?? "")?.[1];
const sqlOf = (o: PostXmlOptions) => /<sql>([^<]*)<\/sql>/.exec(o.body)?.[1] ?? "";

/** A cluster answering getCCMVersion with 14.0 (unless `asksVersion`: `answer` does) and the rest with `answer`. */
function fakeCluster(answer: (o: PostXmlOptions, op: string) => XmlReply | Promise<XmlReply>, asksVersion = false) {
  const sent: PostXmlOptions[] = [];
  const post = async (o: PostXmlOptions) => {
    sent.push(o);
    const op = operationOf(o)!;
    if (op === "getCCMVersion" && !asksVersion) return versionReply;
    return answer(o, op);
  };
  return { sent, post };
}

const base = { url: "http://127.0.0.1:1/axl/", username: "axl", password: "secret" };

describe("AXL client", () => {
  test("learns the cluster's schema once, after a 599 that lists the versions it speaks", async () => {
    const { sent, post } = fakeCluster((o, op) => {
      if (o.body.includes("AXL/API/11.5"))
        return {
          status: 599,
          headers: {},
          body: "<html><body>Incorrect axl version. Supported axl versions are 12.5, 14.0, 15.0.</body></html>",
        };
      if (op === "getCCMVersion") return versionReply;
      return ok("listPhone", "");
    }, true);
    const client = createAxlClient({ ...base, post });
    expect(await client.version()).toBe("14.0.1.11900(132)");
    await client.listPhones({ name: "%" });
    await client.version();
    expect(sent.map((o) => `${operationOf(o)} ${/AXL\/API\/([\d.]+)/.exec(o.body)?.[1]}`)).toEqual([
      "getCCMVersion 11.5",
      "getCCMVersion 15.0",
      "listPhone 14.0",
    ]);
    expect(sent[2]!.soapAction).toBe('"CUCM:DB ver=14.0 listPhone"');
  });

  test("a 599 naming nothing Linewatch can use is a typed error", async () => {
    const client = createAxlClient({
      ...base,
      post: async () => ({ status: 599, headers: {}, body: "Incorrect axl version." }),
    });
    const error = await client.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxlVersionUnsupported);
    expect((error as AxlVersionUnsupported).supported).toEqual([]);
  });

  test("401 is an AuthError, 503 is RateLimited with Retry-After, faults carry their axlcode", async () => {
    const refused = createAxlClient({ ...base, post: async () => ({ status: 401, headers: {}, body: "<html/>" }) });
    await expect(refused.version()).rejects.toBeInstanceOf(AuthError);
    const busy = createAxlClient({
      ...base,
      post: async () => ({ status: 503, headers: { "retry-after": "30" }, body: "busy" }),
    });
    const limited = await busy.version().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfterMs).toBe(30_000);

    const { post } = fakeCluster(() =>
      fault("Item not valid: The specified Phone was not found", 5007, "doDeviceReset"),
    );
    const error = await createAxlClient({ ...base, post })
      .resetDevice("SEP000000000001", "restart")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxlFault);
    expect(error).toMatchObject({ axlCode: 5007, userMessage: expect.stringContaining("was not found") });
  });

  test("a restart and a reset ask doDeviceReset with Cisco's reset types; the uuid reply is accepted", async () => {
    const { sent, post } = fakeCluster(() => ok("doDeviceReset", "{A1B2C3D4-0000-0000-0000-000000000001}"));
    const client = createAxlClient({ ...base, post });
    expect(await client.resetDevice("SEP0011223344AA", "restart")).toBe(true);
    expect(await client.resetDevice("SEP0011223344AA", "reset")).toBe(true);
    const resets = sent.filter((o) => operationOf(o) === "doDeviceReset").map((o) => o.body);
    expect(resets[0]).toContain(
      "<deviceName>SEP0011223344AA</deviceName><isHardReset>false</isHardReset><deviceResetType>Restart</deviceResetType>",
    );
    expect(resets[1]).toContain("<isHardReset>true</isHardReset><deviceResetType>Reset</deviceResetType>");
  });

  test("configured devices: pages of rows merged by device, a too-large page asked again smaller", async () => {
    // 5 devices with 2 lines each = 10 rows, ordered by name and line.
    const rows = Array.from({ length: 5 }, (_, d) =>
      [1, 2].map(
        (line) =>
          `<row><name>SEP00000000000${d}</name><description>Desk ${d}</description><model>Cisco 8845</model><class>Phone</class><protocol>SIP</protocol><devicepool>DP-HQ</devicepool><location>Hub_None</location><owner>${d === 0 ? "" : `user${d}`}</owner><lineindex>${line}</lineindex><dn>${1000 + d * 10 + line}</dn></row>`,
      ),
    ).flat();
    const { sent, post } = fakeCluster((o) => {
      const [, skip, first] = /select skip (\d+) first (\d+) /.exec(sqlOf(o))!.map(Number);
      if (first! > 4)
        return fault(
          "Query request too large. Total rows matched: 10. Suggested row fetch: less than 4.",
          -1,
          "executeSQLQuery",
        );
      return ok("executeSQLQuery", rows.slice(skip!, skip! + first!).join(""));
    });
    const client = createAxlClient({ ...base, post, pageSize: 6 });
    const devices = await client.configuredDevices();
    expect(devices).toHaveLength(5);
    expect(devices[0]).toEqual({
      name: "SEP000000000000",
      description: "Desk 0",
      model: "Cisco 8845",
      deviceClass: "Phone",
      protocol: "SIP",
      devicePool: "DP-HQ",
      location: "Hub_None",
      owner: null,
      lines: [
        { index: 1, dn: "1001" },
        { index: 2, dn: "1002" },
      ],
    });
    // Rows 0-2, 3-5 (device 1 split across the page end), 6-8, 9.
    expect(devices.every((d) => d.lines.length === 2)).toBe(true);
    expect(
      sent.filter((o) => operationOf(o) === "executeSQLQuery").map((o) => /skip \d+ first \d+/.exec(sqlOf(o))![0]),
    ).toEqual(["skip 0 first 6", "skip 0 first 3", "skip 3 first 3", "skip 6 first 3", "skip 9 first 3"]);
  });

  test("a too-large fault reads its numbers in either of Cisco's wordings", async () => {
    const { post } = fakeCluster(() =>
      fault(
        "Query request too large. Total rows matched: 2816 rows. Suggestive Row Fetch: less than 844 rows.",
        -1,
        "listPhone",
      ),
    );
    const client = createAxlClient({ ...base, post, pageSize: 1 });
    const error = await client.listPhones({ name: "%" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxlTooLarge);
    expect(error).toMatchObject({ totalRows: 2816, suggestedRows: 844, axlCode: -1 });
  });

  test("listPhone asks only the tags Linewatch uses and pages with skip and first", async () => {
    const phone = (i: number) =>
      `<phone uuid="{0000000${i}}"><name>SEP00000000000${i}</name><description/><model>Cisco 7841</model><class>Phone</class><protocol>SCCP</protocol><devicePoolName uuid="{1}">DP-Paris</devicePoolName><locationName uuid="{2}">LOC-Paris</locationName><ownerUserName/></phone>`;
    const { sent, post } = fakeCluster((o) => {
      const skip = Number(/<skip>(\d+)<\/skip>/.exec(o.body)![1]);
      const first = Number(/<first>(\d+)<\/first>/.exec(o.body)![1]);
      return ok(
        "listPhone",
        [0, 1, 2]
          .slice(skip, skip + first)
          .map(phone)
          .join(""),
      );
    });
    const phones = await createAxlClient({ ...base, post, pageSize: 2 }).listPhones({ name: "SEP%" });
    expect(phones.map((p) => p.name)).toEqual(["SEP000000000000", "SEP000000000001", "SEP000000000002"]);
    expect(phones[1]).toMatchObject({ uuid: "{00000001}", description: null, owner: null, devicePool: "DP-Paris" });
    const list = sent.find((o) => operationOf(o) === "listPhone")!.body;
    expect(list).toContain("<searchCriteria><name>SEP%</name></searchCriteria>");
    expect(list).toContain(
      "<returnedTags><name></name><description></description><model></model><class></class><protocol></protocol><devicePoolName></devicePoolName><locationName></locationName><ownerUserName></ownerUserName></returnedTags>",
    );
  });

  test("a reset reply without a return is not taken as done; a failed request does not hold up the next", async () => {
    let calls = 0;
    const { post } = fakeCluster(() => {
      calls++;
      if (calls === 1) throw new Error("socket hang up");
      if (calls === 2)
        return {
          status: 200,
          headers: {},
          body: envelope('<ns:doDeviceResetResponse xmlns:ns="http://www.cisco.com/AXL/API/14.0"/>'),
        };
      return ok("doDeviceReset", "true");
    });
    const client = createAxlClient({ ...base, post });
    await expect(client.resetDevice("SEP0011223344AA", "restart")).rejects.toThrow("socket hang up");
    await expect(client.resetDevice("SEP0011223344AA", "restart")).rejects.toThrow("without a return");
    expect(await client.resetDevice("SEP0011223344AA", "restart")).toBe(true);
  });

  test("one request at a time, whatever the callers do", async () => {
    let inFlight = 0;
    let most = 0;
    const { post } = fakeCluster(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return ok("doDeviceReset", "true");
    });
    const client = createAxlClient({ ...base, post });
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.resetDevice(`SEP00000000000${i}`, "restart")));
    expect(most).toBe(1);
  });

  test("a name that could break the request is escaped, never markup", async () => {
    const { sent, post } = fakeCluster(() => ok("doDeviceReset", "true"));
    await createAxlClient({ ...base, post }).resetDevice("SEP</deviceName><x>", "restart");
    expect(sent.at(-1)!.body).toContain("<deviceName>SEP&lt;/deviceName&gt;&lt;x&gt;</deviceName>");
  });
});
