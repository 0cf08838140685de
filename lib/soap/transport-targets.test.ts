// The target policy as the transport enforces it, over loopback: what is refused sends nothing
// and opens no connection, and a redirect is never followed to a second server.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { checkedLookup, closeAgents } from "./agents";
import { ProtocolError, TargetNotAllowedError, UnsafeInputError } from "./errors";
import { configureTargets } from "./targets";
import { postXml } from "./transport";

interface Loopback {
  port: number;
  requests: number;
  connections: number;
  close(): Promise<void>;
}

const open: Loopback[] = [];

async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void = (_q, r) => r.end("<ok/>"),
): Promise<Loopback> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    loopback.requests++;
    request.resume();
    request.on("end", () => handler(request, response));
  });
  server.on("connection", (socket) => {
    loopback.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const loopback: Loopback = {
    port: (server.address() as AddressInfo).port,
    requests: 0,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  open.push(loopback);
  return loopback;
}

afterEach(async () => {
  configureTargets(undefined);
  await closeAgents(); // no pooled connection may outlive the policy it was checked under
  await Promise.all(open.splice(0).map((loopback) => loopback.close()));
});
afterAll(async () => {
  configureTargets(undefined);
  await closeAgents();
});

const post = (url: string) => postXml({ url, body: "<a/>", timeoutMs: 5_000 }).catch((error: unknown) => error);

describe("target policy in the transport", () => {
  it("reaches loopback by address and by name under the default policy", async () => {
    const server = await serve();
    expect(await post(`http://127.0.0.1:${server.port}/`)).toMatchObject({ status: 200, body: "<ok/>" });
    expect(await post(`http://localhost:${server.port}/`)).toMatchObject({ status: 200, body: "<ok/>" });
  });

  it("refuses a literal address outside the allowlist before connecting", async () => {
    const server = await serve();
    configureTargets(["10.0.0.0/8"]);
    const error = await post(`http://127.0.0.1:${server.port}/`);
    expect(error).toBeInstanceOf(TargetNotAllowedError);
    expect(error).toBeInstanceOf(UnsafeInputError);
    expect((error as TargetNotAllowedError).userMessage).toBe("127.0.0.1 is not allowed by LINEWATCH_ALLOWED_TARGETS.");
    expect(server.connections).toBe(0);
  });

  it("refuses a name whose lookup gives a refused address, with no TCP connection made", async () => {
    const server = await serve();
    configureTargets(["10.0.0.0/8"]);
    const error = await post(`http://localhost:${server.port}/`);
    expect(error).toBeInstanceOf(TargetNotAllowedError);
    expect((error as TargetNotAllowedError).userMessage).toMatch(
      /^localhost \((127\.0\.0\.1|::1)\) is not allowed by LINEWATCH_ALLOWED_TARGETS\.$/,
    );
    expect(server.connections).toBe(0);
    expect(server.requests).toBe(0);
  });

  it("lets a name listed by name connect wherever it resolves (but not a listed name's literal address)", async () => {
    const server = await serve();
    configureTargets(["LOCALHOST"]);
    expect(await post(`http://localhost:${server.port}/`)).toMatchObject({ status: 200 });
    expect(await post(`http://127.0.0.1:${server.port}/`)).toBeInstanceOf(TargetNotAllowedError);
  });

  it("refuses metadata addresses even when their range is listed, before any network use", async () => {
    configureTargets(["169.254.0.0/16", "::ffff:0:0/96"]);
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fe80::1]/",
      "https://metadata.google.internal/",
    ]) {
      const error = await post(url);
      expect(error, url).toBeInstanceOf(TargetNotAllowedError);
      expect((error as TargetNotAllowedError).userMessage, url).toMatch(/never connects to/);
    }
  });

  it("refuses public addresses by default, naming the setting", async () => {
    const error = await post("http://192.0.2.10/");
    expect((error as TargetNotAllowedError).userMessage).toBe(
      "192.0.2.10 is not a loopback or private address; to allow it, list it in LINEWATCH_ALLOWED_TARGETS.",
    );
  });

  it.each([301, 302, 307, 308])("never follows a %i redirect to another server", async (status) => {
    const target = await serve();
    const redirecting = await serve((_request, response) => {
      response.writeHead(status, { location: `http://127.0.0.1:${target.port}/elsewhere` });
      response.end();
    });
    const error = await post(`http://127.0.0.1:${redirecting.port}/`);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).problem).toBe("redirect");
    expect(redirecting.requests).toBe(1);
    expect(target.connections).toBe(0);
    expect(target.requests).toBe(0);
  });

  it("the agents' lookup answers in both of net.connect's shapes, and only with checked addresses", async () => {
    const lookup = (options: { all?: boolean }) =>
      new Promise<unknown[]>((resolve) =>
        checkedLookup("localhost", options, (error, address, family) => resolve([error, address, family])),
      );
    const [error, address] = await lookup({});
    expect(error).toBeNull();
    expect(["127.0.0.1", "::1"]).toContain(address);
    const [allError, all] = await lookup({ all: true });
    expect(allError).toBeNull();
    expect((all as { address: string }[]).length).toBeGreaterThan(0);
    configureTargets(["10.0.0.0/8"]);
    const [refused] = await lookup({ all: true });
    expect(refused).toBeInstanceOf(TargetNotAllowedError);
  });
});
