import { afterAll, afterEach, describe, expect, it } from "vitest";
import { AuthError, ProtocolError, RateLimited, SoapFault, UnsafeInputError, closeAgents } from "@/lib/soap";
import { createCmeClient } from "./client";
import {
  envelope,
  startScriptedRouter,
  type ReceivedRequest,
  type ScriptedAnswer,
  type ScriptedRouter,
} from "@/lib/testing/scripted-router";

const routers: ScriptedRouter[] = [];

async function router(answer: (request: ReceivedRequest) => ScriptedAnswer): Promise<ScriptedRouter> {
  const started = await startScriptedRouter(answer);
  routers.push(started);
  return started;
}

function client(target: ScriptedRouter, dialect: "2008" | "2010" | "auto" = "2008") {
  return createCmeClient({
    baseUrl: `${target.baseUrl}/`,
    username: "xmluser",
    password: "xmlpass",
    timeoutMs: 5_000,
    dialect,
  });
}

afterEach(async () => {
  await Promise.all(routers.splice(0).map((r) => r.close()));
});
afterAll(() => closeAgents());

const COUNTS = envelope("<ISDevEvtCount>1</ISDevEvtCount><ISExtEvtCount>2</ISExtEvtCount>", "ISgetEvtCountsResponse");

function phoneXml(tag: number, status = "registered", keyPhone = false): string {
  return (
    `<ISDevice><ISDevID>${tag}</ISDevID><ISDevName>SEP00000000000${tag}</ISDevName>` +
    `<ISDevStatus>${status}</ISDevStatus><ISKeyPhone>${keyPhone}</ISKeyPhone></ISDevice>`
  );
}

describe("CME client transport", () => {
  it("POSTs to <baseUrl>/ios_xml_app/cme with text/xml and HTTP Basic", async () => {
    const target = await router(() => ({ body: COUNTS }));
    expect(await client(target).getEventCounts()).toEqual({ phoneEvents: 1, extensionEvents: 2 });
    const [request] = target.received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/ios_xml_app/cme");
    expect(request?.headers["content-type"]).toBe("text/xml");
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from("xmluser:xmlpass").toString("base64")}`);
    expect(request?.headers.soapaction).toBeUndefined();
  });

  it("never has more than one request in flight per router, even across client objects", async () => {
    const target = await router(() => ({ body: COUNTS, delayMs: 15 }));
    const first = client(target);
    const second = client(target);
    const calls = Array.from({ length: 12 }, (_, index) => (index % 2 ? first : second).getEventCounts());
    await Promise.all(calls);
    expect(target.received).toHaveLength(12);
    expect(target.maxInFlight).toBe(1);
  });

  it("keeps the queue moving after a failed request", async () => {
    let count = 0;
    const target = await router(() => (++count === 1 ? { status: 500, body: "<html>oops</html>" } : { body: COUNTS }));
    const cme = client(target);
    const results = await Promise.allSettled([cme.getEventCounts(), cme.getEventCounts()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
  });

  it.each([
    ["HTML 500", { status: 500, body: "<HTML><BODY>500 Internal Server Error</BODY></HTML>" }, ProtocolError],
    [
      "SOAP fault 500",
      {
        status: 500,
        body: "<SOAP-ENV:Envelope><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>bad</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>",
      },
      SoapFault,
    ],
    [
      "401",
      {
        status: 401,
        body: "<html>Authorization Required</html>",
        headers: { "www-authenticate": 'Basic realm="level_15"' },
      },
      AuthError,
    ],
    ["503 with Retry-After", { status: 503, body: "", headers: { "retry-after": "5" } }, RateLimited],
    ["HTML with 200", { body: "<HTML><BODY>Home Page</BODY></HTML>" }, ProtocolError],
    ["empty 200", { body: "" }, ProtocolError],
  ] as const)("maps %s to its typed error", async (_label, answer, type) => {
    const target = await router(() => ({ ...answer }));
    const error = await client(target)
      .getEventCounts()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    if (error instanceof RateLimited) expect(error.retryAfterMs).toBe(5_000);
  });
});

describe("escaping: what reaches the router", () => {
  it("escapes markup in passwords and CLI free text", async () => {
    const target = await router((request) =>
      request.cmeMethod === "ISupdateUser"
        ? { body: envelope("<ISsetResult>true</ISsetResult>", "ISupdateUserResponse") }
        : {
            body: envelope(
              "<ISexecCLIResponse>0</ISexecCLIResponse><ISexecCLIError></ISexecCLIError>",
              "ISexecCLIResponse",
            ),
          },
    );
    const cme = client(target);
    await cme.updateUserPassword("peter", `<&]]>-->"'`);
    await cme.runCli(["ephone-dn 1", `name Lee & "Sons" --> 'x'`, "label ]]><CLI>x</CLI>"]);
    const [password, cli] = target.received.map((r) => r.raw.toString("utf8"));
    expect(password).toContain("<ISuserID>peter</ISuserID><ISpassword>&lt;&amp;]]&gt;--&gt;&quot;&apos;</ISpassword>");
    expect(password).not.toContain("]]>-->");
    expect(cli).toContain("<CLI>ephone-dn 1</CLI><CLI>name Lee &amp; &quot;Sons&quot; --&gt; &apos;x&apos;</CLI>");
    expect(cli).toContain("<CLI>label ]]&gt;&lt;CLI&gt;x&lt;/CLI&gt;</CLI>");
    expect(cli?.match(/<CLI>/g)).toHaveLength(3);
  });

  it.each([
    ["user ID with markup", (c: ReturnType<typeof client>) => c.getUser("<peter>")],
    ["user ID with &", (c: ReturnType<typeof client>) => c.getUser("peter&co")],
    ["user ID with CR/LF", (c: ReturnType<typeof client>) => c.updateUserPassword("peter\r\n", "abc")],
    ["password with LF", (c: ReturnType<typeof client>) => c.updateUserPassword("peter", "a\nb")],
    ["password with NUL", (c: ReturnType<typeof client>) => c.updateUserPassword("peter", "a\u0000b")],
    ["password longer than 19", (c: ReturnType<typeof client>) => c.updateUserPassword("peter", "x".repeat(20))],
    ["CLI line with LF", (c: ReturnType<typeof client>) => c.runCli(["ephone 1", "description a\nhostname evil"])],
    ["CLI line with NUL", (c: ReturnType<typeof client>) => c.runCli(["ephone 1\u0000"])],
    ["CLI outside the allowlist", (c: ReturnType<typeof client>) => c.runCli(["ephone 1", "no shutdown"])],
    ["phone name with markup", (c: ReturnType<typeof client>) => c.setKeyPhones(["SEP000000000000", "</ISPhoneName>"])],
    [
      "a bad selector in a keyword request",
      (c: ReturnType<typeof client>) => c.getPhones([{ keyword: "all" }, { name: "x" }]),
    ],
  ])("refuses a %s before sending anything", async (_label, run) => {
    const target = await router(() => ({ body: COUNTS }));
    await expect(run(client(target, "auto"))).rejects.toBeInstanceOf(UnsafeInputError);
    expect(target.received).toHaveLength(0);
  });
});

describe("one entity per request when a multi-entity reply is cut", () => {
  it("retries key phones one at a time and keeps the request order", async () => {
    const target = await router((request) => {
      const names = [...request.body.matchAll(/<ISPhoneName>(\w+)<\/ISPhoneName>/g)].map((m) => m[1]);
      if (names.length > 1)
        return { body: envelope("<ISsetResult>true</ISsetResult><ISsetRes", "ISsetKeyPhonesResponse") };
      return {
        body: envelope(`<ISsetResult>${names[0] !== "SEP000000000002"}</ISsetResult>`, "ISsetKeyPhonesResponse"),
      };
    });
    const results = await client(target).setKeyPhones(["SEP000000000001", "SEP000000000002", "SEP000000000003"]);
    expect(results).toEqual([
      { phone: "SEP000000000001", ok: true },
      { phone: "SEP000000000002", ok: false },
      { phone: "SEP000000000003", ok: true },
    ]);
    expect(target.received).toHaveLength(4);
  });

  it("treats fewer answers than phones as a cut reply", async () => {
    const target = await router((request) => {
      const count = (request.body.match(/<ISPhoneName>/g) ?? []).length;
      return {
        body: envelope(count > 1 ? "<ISunsetResult>true</ISunsetResult>" : "<ISunsetResult>true</ISunsetResult>"),
      };
    });
    const results = await client(target).unsetKeyPhones(["SEP000000000001", "SEP000000000002"]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(target.received).toHaveLength(3);
  });

  it("re-reads a cut 'allRegistered' as allTag, then one phone per request", async () => {
    const target = await router((request) => {
      if (request.body.includes(">allRegistered<"))
        return { body: envelope(`${phoneXml(1)}<ISDevice><ISDevID>2`, "ISgetDeviceResponse") };
      if (request.body.includes(">allTag<")) {
        return {
          body: envelope(
            "<ISDevice><ISDevID>1</ISDevID></ISDevice><ISDevice><ISDevID>2</ISDevID></ISDevice><ISDevice><ISDevID>3</ISDevID></ISDevice>",
            "ISgetDeviceResponse",
          ),
        };
      }
      const tag = Number(/<ISDevID>(\d+)<\/ISDevID>/.exec(request.body)?.[1]);
      return { body: envelope(phoneXml(tag, tag === 2 ? "unregistered" : "registered"), "ISgetDeviceResponse") };
    });
    const phones = await client(target).getPhones({ keyword: "allRegistered" });
    expect(phones.map((p) => p.ephoneTag)).toEqual([1, 3]);
    expect(target.received.map((r) => /<ISgetDevice>(.*)<\/ISgetDevice>/.exec(r.body)?.[1])).toEqual([
      "<ISDevName>allRegistered</ISDevName>",
      "<ISDevName>allTag</ISDevName>",
      "<ISDevID>1</ISDevID>",
      "<ISDevID>2</ISDevID>",
      "<ISDevID>3</ISDevID>",
    ]);
  });

  it("splits a multi-selector request that overflows, listing each phone once", async () => {
    const target = await router((request) => {
      const tags = [...request.body.matchAll(/<ISDevID>(\d+)<\/ISDevID>/g)].map((m) => Number(m[1]));
      if (tags.length > 1) return { status: 200, body: "x".repeat(10) };
      return { body: envelope(phoneXml(tags[0]!), "ISgetDeviceResponse") };
    });
    const phones = await client(target).getPhones([{ ephoneTag: 1 }, { ephoneTag: 2 }, { ephoneTag: 1 }]);
    expect(phones.map((p) => p.ephoneTag)).toEqual([1, 2]);
  });

  it("treats a connection reset on a multi-entity request as a cut reply", async () => {
    const target = await router((request) => {
      const tags = [...request.body.matchAll(/<ISDevID>(\d+)<\/ISDevID>/g)].map((m) => Number(m[1]));
      if (tags.length > 1) return { body: "", reset: true };
      return { body: envelope(phoneXml(tags[0]!), "ISgetDeviceResponse") };
    });
    const phones = await client(target).getPhones([{ ephoneTag: 1 }, { ephoneTag: 2 }]);
    expect(phones.map((p) => p.ephoneTag)).toEqual([1, 2]);
    expect(target.received).toHaveLength(3);
  });

  it("does not retry errors that are not about a cut reply", async () => {
    const target = await router(() => ({ status: 401, body: "" }));
    await expect(client(target).getPhones([{ ephoneTag: 1 }, { ephoneTag: 2 }])).rejects.toBeInstanceOf(AuthError);
    expect(target.received).toHaveLength(1);
  });
});

describe("dialect", () => {
  it("probes once with ISgetGlobal, then spells SCCP keywords as ISKeyword for a 2010+ router", async () => {
    const target = await router((request) =>
      request.cmeMethod === "ISgetGlobal"
        ? { body: envelope("<ISGlobal><ISMode>ITS</ISMode></ISGlobal>") }
        : { body: envelope(`<ISDevices>${phoneXml(1)}</ISDevices>`) },
    );
    const cme = client(target, "auto");
    await Promise.all([cme.getPhones({ keyword: "all" }), cme.getPhones({ keyword: "allTag" })]);
    expect(await cme.dialect()).toBe("2010");
    expect(target.received.map((r) => r.cmeMethod)).toEqual(["ISgetGlobal", "ISgetDevice", "ISgetDevice"]);
    expect(target.received[1]?.body).toContain("<ISKeyword>all</ISKeyword>");
  });

  it("learns the dialect from any reply and needs no probe for selectors without keywords", async () => {
    const target = await router(() => ({ body: envelope(phoneXml(1), "ISgetDeviceResponse") }));
    const cme = client(target, "auto");
    await cme.getPhones({ ephoneTag: 1 });
    await cme.getPhones({ keyword: "all" });
    expect(target.received.map((r) => r.cmeMethod)).toEqual(["ISgetDevice", "ISgetDevice"]);
    expect(target.received[1]?.body).toContain("<ISDevName>all</ISDevName>");
  });
});
