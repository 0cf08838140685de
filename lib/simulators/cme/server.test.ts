// The HTTP side as a client sees it: Basic auth, POST only, the path (with or without a trailing
// slash), strict request reading with SOAP Client faults, and the JSON control endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCmeSimulator, type CmeSimulator } from "./index";
import { basicAuth, envelope, post, valuesOf } from "@/lib/testing/cme-sim";

let simulator: CmeSimulator;
beforeAll(async () => {
  simulator = await startCmeSimulator({
    xmlUser: "xmluser",
    xmlPassword: "s3cret",
    fleet: { seed: 5, ephones: 3, pools: 1 },
  });
});
afterAll(() => simulator.close());

const auth = basicAuth("xmluser", "s3cret");
const getGlobal = envelope("ISgetGlobal");

describe("HTTP", () => {
  it("answers the XML user's Basic credentials, with or without a trailing slash", async () => {
    expect((await post(simulator, getGlobal, { auth })).status).toBe(200);
    const slash = await post(simulator, getGlobal, { auth, path: "/ios_xml_app/cme/" });
    expect(slash.status).toBe(200);
    expect(slash.headers.get("content-type")).toContain("text/xml");
  });

  it("answers 401 with a Basic challenge to missing or wrong credentials", async () => {
    for (const credentials of [null, basicAuth("xmluser", "wrong"), basicAuth("cisco", "cisco"), "Bearer abc"]) {
      const reply = await post(simulator, getGlobal, { auth: credentials });
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toMatch(/^Basic realm="[^"]+"$/);
    }
  });

  it("phone users' passwords are not XML API credentials", async () => {
    const password = simulator.control.userPassword("hotdesk") ?? "";
    expect((await post(simulator, getGlobal, { auth: basicAuth("hotdesk", password) })).status).toBe(401);
  });

  it("answers 405 to anything but POST, and 404 elsewhere", async () => {
    const reply = await post(simulator, "", { auth, method: "GET" });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("POST");
    expect((await post(simulator, getGlobal, { auth, path: "/ios_xml_app/other" })).status).toBe(404);
  });

  it("accepts a request without xsi:type", async () => {
    expect((await post(simulator, envelope("ISgetGlobal", "", null), { auth })).status).toBe(200);
  });
});

describe("strict request reading", () => {
  async function expectFault(body: string, message: RegExp): Promise<void> {
    const reply = await post(simulator, body, { auth });
    expect(reply.status).toBe(500);
    expect(reply.text).toContain("<SOAP-ENV:Fault>\n<faultcode>SOAP-ENV:Client</faultcode>");
    expect(valuesOf(reply.text, "faultstring")[0]).toMatch(message);
  }

  it("faults on malformed XML", async () => {
    await expectFault("<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><request>", /XML parse error/);
    await expectFault("not xml at all", /XML parse error/);
    await expectFault(envelope("ISgetDevEvts", "<IDDevName>all</ISDevName>"), /XML parse error/);
  });

  it("faults on a DOCTYPE rather than expanding it", async () => {
    await expectFault(`<!DOCTYPE x [<!ENTITY a "b">]>${envelope("ISgetUser", "<ISuserID>&a;</ISuserID>")}`, /DOCTYPE/);
  });

  it("faults on a wrong envelope, an unknown method or a mismatched xsi:type", async () => {
    await expectFault(
      "<Envelope><Body><request><ISgetGlobal/></request></Body></Envelope>",
      /unexpected content in Body/,
    );
    await expectFault(envelope("ISgetPhones"), /unknown method ISgetPhones/);
    await expectFault(envelope("ISgetGlobal", "", "ISgetDevice"), /does not match/);
  });

  it("faults on missing required children and on elements the seed does not name", async () => {
    await expectFault(envelope("ISgetDevice"), /at least one/);
    await expectFault(envelope("ISgetUser"), /exactly one ISuserID/);
    await expectFault(envelope("ISupdateUser", "<ISuserID>hotdesk</ISuserID>"), /exactly one ISpassword/);
    await expectFault(envelope("ISgetDevice", "<ISDevname>all</ISDevname>"), /unexpected element ISDevname/);
    await expectFault(envelope("ISgetDevice", "<ISDevID>one</ISDevID>"), /must be a number/);
    await expectFault(envelope("ISgetDevice", "<ISKeyword>everything</ISKeyword>"), /unknown ISKeyword/);
  });

  it("keeps a namespaced envelope and the seed's spacing working", async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <soapenv:Body>
    <axl>
      <request xsi:type=" ISgetUser">
        <ISgetUser>
          <ISuserID>hotdesk</ISuserID>
        </ISgetUser>
      </request>
    </axl>
  </soapenv:Body>
</soapenv:Envelope>`;
    const reply = await post(simulator, body, { auth });
    expect(reply.status).toBe(200);
    expect(valuesOf(reply.text, "ISuserType")).toEqual(["2"]);
  });
});

describe("control endpoint", () => {
  async function control(body: unknown, target: CmeSimulator = simulator) {
    const response = await fetch(`${target.url}/__sim/control`, { method: "POST", body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as { result?: unknown; error?: { code: string } } };
  }

  it("runs the same actions as the in-process control", async () => {
    const phones = (await control({ action: "phones" })).json.result as Array<{ name: string }>;
    expect(phones).toHaveLength(4);
    const name = phones[0]?.name ?? "";
    await control({ action: "setPhoneStatus", name, status: "unregistered" });
    expect(simulator.control.phones()[0]?.status).toBe("unregistered");
    expect((await control({ action: "requestCount" })).json.result).toBe(simulator.control.requestCount());
  });

  it("refuses bad actions with an error envelope", async () => {
    expect((await control({ action: "explode" })).status).toBe(400);
    const unknown = await control({ action: "setPhoneStatus", name: "SEP000000000000", status: "registered" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error?.code).toBe("rejected");
  });

  it("is absent when the demo turns it off", async () => {
    const closed = await startCmeSimulator({ controlEndpoint: false, fleet: { seed: 1, ephones: 1, pools: 0 } });
    try {
      const response = await fetch(`${closed.url}/__sim/control`, { method: "POST", body: '{"action":"phones"}' });
      expect(response.status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
