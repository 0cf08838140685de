// Each failure mode does what it says, switched at run time; hang and slow-drip are bounded by a
// short client abort. Also: the request and in-flight counters.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startCmeSimulator, type CmeSimulator } from "./index";
import { basicAuth, CREDENTIALS, envelope, isWellFormed, post, valuesOf } from "@/lib/testing/cme-sim";

let simulator: CmeSimulator;
beforeAll(async () => {
  simulator = await startCmeSimulator({ fleet: { seed: 9, ephones: 6, pools: 1 }, dripIntervalMs: 20 });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.control.setFailure(null);
  simulator.control.setLatency(0);
});

const allPhones = envelope("ISgetDevice", "<ISDevName>all</ISDevName>");

async function normalReply(body: string): Promise<string> {
  simulator.control.setFailure(null);
  return (await post(simulator, body)).text;
}

describe("failure modes", () => {
  it("401 rejects even the right credentials", async () => {
    simulator.control.setFailure("401");
    const reply = await post(simulator, allPhones);
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
  });

  it("500 answers the HTTP server's error page", async () => {
    simulator.control.setFailure("500");
    const reply = await post(simulator, allPhones);
    expect(reply.status).toBe(500);
    expect(reply.text).toContain("<HTML>");
  });

  it("html answers 200 with a web page instead of XML", async () => {
    simulator.control.setFailure("html");
    const reply = await post(simulator, allPhones);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain("text/html");
    expect(reply.text).not.toContain("<SOAP-ENV:Envelope");
  });

  it("doctype-bomb answers a billion-laughs DOCTYPE", async () => {
    simulator.control.setFailure("doctype-bomb");
    const reply = await post(simulator, allPhones);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain("<!DOCTYPE lolz [");
    expect(reply.text).toContain(`<!ENTITY lol9 "${"&lol8;".repeat(10)}">`);
    expect(reply.text).toContain("&lol9;");
  });

  it("truncated cuts the body mid-XML", async () => {
    const full = await normalReply(allPhones);
    simulator.control.setFailure("truncated");
    const reply = await post(simulator, allPhones);
    expect(reply.status).toBe(200);
    expect(reply.text.length).toBeLessThan(full.length);
    expect(full.startsWith(reply.text)).toBe(true);
    expect(isWellFormed(reply.text)).toBe(false);
  });

  it("buffer-overflow cuts multi-entity replies while single-entity and tag-only replies succeed", async () => {
    simulator.control.setFailure("buffer-overflow");
    for (const inner of ["<ISDevName>all</ISDevName>", "<ISDevID>1</ISDevID><ISDevID>2</ISDevID>"]) {
      const reply = await post(simulator, envelope("ISgetDevice", inner));
      expect(reply.status).toBe(200);
      expect(isWellFormed(reply.text)).toBe(false);
    }
    const extensions = await post(simulator, envelope("ISgetExtension", "<ISExtNumber>all</ISExtNumber>"));
    expect(isWellFormed(extensions.text)).toBe(false);
    for (const inner of ["<ISDevID>1</ISDevID>", "<ISDevName>allTag</ISDevName>"]) {
      const reply = await post(simulator, envelope("ISgetDevice", inner));
      expect(isWellFormed(reply.text)).toBe(true);
    }
    expect(valuesOf((await post(simulator, envelope("ISgetDevice", "<ISDevID>2</ISDevID>"))).text, "ISDevID")).toEqual([
      "2",
    ]);
  });

  it("hang never answers; the client's abort ends the request", async () => {
    simulator.control.setFailure("hang");
    simulator.control.resetCounters();
    await expect(post(simulator, allPhones, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(simulator.control.requestCount()).toBe(1);
    await vi.waitFor(() => expect(simulator.control.inFlight()).toBe(0));
  });

  it("slow-drip sends the real reply one byte at a time", async () => {
    const full = Buffer.from(await normalReply(allPhones));
    simulator.control.setFailure("slow-drip");
    const abort = new AbortController();
    const response = await fetch(`${simulator.url}/ios_xml_app/cme`, {
      method: "POST",
      body: allPhones,
      headers: { Authorization: basicAuth(CREDENTIALS.user, CREDENTIALS.password) },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBe(full.length);
    const reader = response.body!.getReader();
    const received: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { value } = await reader.read();
      received.push(...(value ?? []));
    }
    abort.abort();
    expect(received.length).toBeGreaterThanOrEqual(3);
    expect(received.length).toBeLessThan(full.length);
    expect(Buffer.from(received).equals(full.subarray(0, received.length))).toBe(true);
    await vi.waitFor(() => expect(simulator.control.inFlight()).toBe(0));
  });

  it("can start in a failure mode and be healed at run time", async () => {
    const broken = await startCmeSimulator({ failure: "500", fleet: { seed: 1, ephones: 1, pools: 0 } });
    try {
      expect((await post(broken, allPhones)).status).toBe(500);
      broken.control.setFailure(null);
      expect((await post(broken, allPhones)).status).toBe(200);
      expect(broken.control.failure()).toBeNull();
    } finally {
      await broken.close();
    }
  });

  it("close() returns even while a request hangs", async () => {
    const hung = await startCmeSimulator({ failure: "hang", fleet: { seed: 1, ephones: 1, pools: 0 } });
    const pending = post(hung, allPhones).catch(() => "closed");
    await vi.waitFor(() => expect(hung.control.inFlight()).toBe(1));
    await hung.close();
    expect(await pending).toBe("closed");
  });
});

describe("counters", () => {
  it("counts requests per method and the most in flight at once", async () => {
    simulator.control.resetCounters();
    simulator.control.setLatency(150);
    await Promise.all(Array.from({ length: 5 }, () => post(simulator, allPhones)));
    await post(simulator, envelope("ISgetGlobal"));
    expect(simulator.control.requestCount()).toBe(6);
    expect(simulator.control.requestCount("ISgetDevice")).toBe(5);
    expect(simulator.control.requestCount("ISgetGlobal")).toBe(1);
    expect(simulator.control.maxInFlight()).toBe(5);
    expect(simulator.control.inFlight()).toBe(0);

    simulator.control.resetCounters();
    expect(simulator.control.requestCount()).toBe(0);
    expect(simulator.control.maxInFlight()).toBe(0);
    await post(simulator, envelope("ISgetGlobal"));
    expect(simulator.control.maxInFlight()).toBe(1);
  });
});
