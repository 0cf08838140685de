// Every failure mode of the CME simulator reaches the caller as its typed error, within a
// bounded time; a cut multi-entity reply is recovered one entity per request.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CmeSimulator, FailureMode } from "@/lib/simulators/cme";
import {
  AuthError,
  ProtocolError,
  SoapFault,
  TimeoutError,
  TransportError,
  closeAgents,
  element,
  isSoapError,
} from "@/lib/soap";
import { createCaller } from "./caller";
import type { CmeClient } from "./client";
import { clientFor, startKnownRouter } from "@/lib/testing/simulated-router";

afterAll(() => closeAgents());

let router: CmeSimulator;
let cme: CmeClient;

beforeEach(async () => {
  router = await startKnownRouter({ dripIntervalMs: 200 });
  cme = clientFor(router, { timeoutMs: 1_000 });
});
afterEach(() => router.close());

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSoapError(error)).toBe(true);
  return error;
}

describe("failure modes", () => {
  it.each([
    ["401", AuthError, undefined],
    ["500", ProtocolError, "http-status"],
    ["hang", TimeoutError, undefined],
    ["slow-drip", TimeoutError, undefined],
    ["truncated", ProtocolError, "truncated"],
    ["html", ProtocolError, "not-xml"],
    ["doctype-bomb", ProtocolError, "doctype"],
  ] as const)("%s gives its typed error", async (mode, type, problem) => {
    router.control.setFailure(mode as FailureMode);
    const error = await failureOf(cme.getSystemStatus());
    expect(error).toBeInstanceOf(type);
    if (problem) expect((error as ProtocolError).problem).toBe(problem);
  });

  it("a wrong password gives AuthError with a plain message", async () => {
    const error = await failureOf(clientFor(router, { password: "wrong" }).getEventCounts());
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).userMessage).toBe("The device refused the user name or password.");
  });

  it("a request the router cannot read gives SoapFault", async () => {
    const caller = createCaller({ baseUrl: router.url, username: "cisco", password: "cisco", timeoutMs: 1_000 });
    const error = await failureOf(caller.call("ISgetUser", element("ISbogus", "x")));
    expect(error).toBeInstanceOf(SoapFault);
    expect((error as SoapFault).faultCode).toBe("SOAP-ENV:Client");
  });

  it("a stopped router gives TransportError (connection refused)", async () => {
    await router.close();
    const error = await failureOf(cme.getEventCounts());
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe("ECONNREFUSED");
    router = await startKnownRouter(); // afterEach closes something
  });
});

describe("buffer overflow: one entity per request", () => {
  it("re-reads a cut 'all' phones reply as allTag plus one phone per request", async () => {
    router.control.setFailure("buffer-overflow");
    router.control.resetCounters();
    const phones = await cme.getPhones({ keyword: "all" });
    expect(phones.map((p) => p.name)).toEqual(["SEP0012DA8AC43D", "SEP000DEDAB3566"]);
    expect(router.control.requestCount("ISgetDevice")).toBe(4); // all (cut), allTag, tag 1, tag 2
  });

  it("splits a cut multi-selector request, and re-reads a cut keyword among them", async () => {
    router.control.setFailure("buffer-overflow");
    const phones = await cme.getPhones([{ ephoneTag: 2 }, { ephoneTag: 1 }, { poolId: 1 }]);
    expect(phones.map((p) => p.ephoneTag ?? p.poolId)).toEqual([2, 1, 1]);
    const extensions = await cme.getExtensions([{ keyword: "allUp" }, { sipKeyword: "all" }]);
    expect(extensions.map((e) => e.number)).toEqual(["0800", "2001", "+4930123456"]);
  });

  it("lists SIP pools and numbers tag by tag up to the router's maximum (SIP has no allTag)", async () => {
    const sip = await startKnownRouter({ fleet: { seed: 3, ephones: 0, pools: 3 }, failure: "buffer-overflow" });
    try {
      const client = clientFor(sip);
      expect((await client.getPhones({ sipKeyword: "all" })).map((p) => p.poolId)).toEqual([1, 2, 3]);
      expect((await client.getExtensions({ sipKeyword: "all" })).map((e) => e.tag)).toEqual([1, 2, 3]);
      expect(sip.control.requestCount("ISgetVoiceRegGlobal")).toBe(2);
    } finally {
      await sip.close();
    }
  });

  it("keeps the typed error when even one entity does not fit", async () => {
    router.control.setFailure("truncated");
    const error = await failureOf(cme.getPhones([{ ephoneTag: 1 }, { ephoneTag: 2 }]));
    expect((error as ProtocolError).problem).toBe("truncated");
  });
});
