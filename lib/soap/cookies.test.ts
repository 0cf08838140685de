import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closeAgents } from "./agents";
import { createCookieJar, parseSetCookie } from "./cookies";
import { AuthError } from "./errors";
import { postXml } from "./transport";

describe("cookie jar", () => {
  it("keeps only the names the server set, per origin, and sends them only there", () => {
    const jar = createCookieJar({ clock: () => 0 });
    jar.store("https://cucm1:8443/realtimeservice2/services/RISService70", [
      "JSESSIONID=ABC123; Path=/realtimeservice2; Secure; HttpOnly",
      "JSESSIONIDSSO=XYZ; Path=/; Secure; HttpOnly",
    ]);
    expect(jar.header("https://cucm1:8443/other")).toBe("JSESSIONID=ABC123; JSESSIONIDSSO=XYZ");
    expect(jar.header("https://cucm2:8443/realtimeservice2/services/RISService70")).toBeUndefined();
    expect(jar.header("http://cucm1:8443/realtimeservice2/services/RISService70")).toBeUndefined();
    expect(jar.header("https://cucm1:8444/realtimeservice2/services/RISService70")).toBeUndefined();
    jar.clear("https://cucm1:8443/");
    expect(jar.header("https://cucm1:8443/")).toBeUndefined();
  });

  it("refuses malformed cookies and honours deletion", () => {
    expect(parseSetCookie("JSESSIONID=a b", 0)).toBeUndefined();
    expect(parseSetCookie("=value", 0)).toBeUndefined();
    expect(parseSetCookie("BAD NAME=v", 0)).toBeUndefined();
    expect(parseSetCookie('JSESSIONID="Q"', 0)).toEqual({ name: "JSESSIONID", value: "Q", expired: false });
    const jar = createCookieJar({ clock: () => Date.parse("2026-01-01T00:00:00Z") });
    jar.store("https://n1", ["JSESSIONID=one"]);
    jar.store("https://n1", ["JSESSIONID=; Max-Age=0"]);
    expect(jar.header("https://n1")).toBeUndefined();
    jar.store("https://n1", ["JSESSIONID=two", "JSESSIONIDSSO=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]);
    expect(jar.names("https://n1")).toEqual(["JSESSIONID"]);
  });
});

describe("postXml with a cookie jar", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server?.closeAllConnections();
    server = undefined;
    await closeAgents();
  });

  /** A node with sessions: Basic gets a new JSESSIONID; a known cookie is enough; `expire` forgets them. */
  async function node(options: { alwaysRefuse?: boolean } = {}) {
    const seen: { authorization?: string; cookie?: string }[] = [];
    const sessions = new Set<string>();
    let counter = 0;
    server = createServer((request: IncomingMessage, response) => {
      request.resume();
      request.on("end", () => {
        seen.push({ authorization: request.headers.authorization, cookie: request.headers.cookie });
        const cookie = /JSESSIONID=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
        if (options.alwaysRefuse || (!request.headers.authorization && !(cookie && sessions.has(cookie)))) {
          response
            .writeHead(401, { "WWW-Authenticate": 'Basic realm="Cisco VTG Realm"', "Content-Type": "text/html" })
            .end("<html>401</html>");
          return;
        }
        const headers: Record<string, string | string[]> = { "Content-Type": "text/xml" };
        if (request.headers.authorization) {
          const id = `S${++counter}`;
          sessions.add(id);
          headers["Set-Cookie"] = [`JSESSIONID=${id}; Path=/; HttpOnly`, `JSESSIONIDSSO=${id}SSO; Path=/; HttpOnly`];
        }
        response.writeHead(200, headers).end("<ok/>");
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/realtimeservice2/services/RISService70`;
    return { url, seen, expire: () => sessions.clear() };
  }

  it("authenticates once, then reuses the session cookies without credentials", async () => {
    const cluster = await node();
    const cookies = createCookieJar();
    for (let index = 0; index < 4; index++) {
      const reply = await postXml({
        url: cluster.url,
        body: "<a/>",
        username: "ris",
        password: "pw",
        timeoutMs: 5_000,
        cookies,
      });
      expect(reply.status).toBe(200);
    }
    expect(cluster.seen.filter((request) => request.authorization)).toHaveLength(1);
    expect(
      cluster.seen
        .slice(1)
        .every((request) => request.cookie === "JSESSIONID=S1; JSESSIONIDSSO=S1SSO" && !request.authorization),
    ).toBe(true);
  });

  it("drops the cookies on 401 and authenticates again once", async () => {
    const cluster = await node();
    const cookies = createCookieJar();
    await postXml({ url: cluster.url, body: "<a/>", username: "ris", password: "pw", timeoutMs: 5_000, cookies });
    cluster.expire();
    const reply = await postXml({
      url: cluster.url,
      body: "<a/>",
      username: "ris",
      password: "pw",
      timeoutMs: 5_000,
      cookies,
    });
    expect(reply.status).toBe(200);
    expect(cluster.seen.map((request) => [Boolean(request.authorization), request.cookie ?? null])).toEqual([
      [true, null],
      [false, "JSESSIONID=S1; JSESSIONIDSSO=S1SSO"],
      [true, null],
    ]);
    expect(cookies.header(cluster.url)).toBe("JSESSIONID=S2; JSESSIONIDSSO=S2SSO");
  });

  it("does not retry more than once when the credentials are refused too", async () => {
    const refusing = await node({ alwaysRefuse: true });
    const cookies = createCookieJar();
    cookies.store(refusing.url, ["JSESSIONID=stale"]);
    await expect(
      postXml({ url: refusing.url, body: "<a/>", username: "ris", password: "bad", timeoutMs: 5_000, cookies }),
    ).rejects.toBeInstanceOf(AuthError);
    expect(refusing.seen).toHaveLength(2);
    expect(cookies.header(refusing.url)).toBeUndefined();
  });

  it("stops sending cookies to a server that refuses its own fresh session twice in a row", async () => {
    const cluster = await node();
    const cookies = createCookieJar();
    cluster.expire();
    const send = () =>
      postXml({ url: cluster.url, body: "<a/>", username: "ris", password: "pw", timeoutMs: 5_000, cookies });
    await send(); // credentials; S1 set
    cluster.expire();
    await send(); // S1 refused, credentials again; S2 set
    cluster.expire();
    await send(); // S2 refused, credentials again; S3 set: two refusals in a row
    await send(); // credentials only from now on
    expect(cluster.seen.map((request) => Boolean(request.authorization))).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
    ]);
  });
});
