import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeAgents } from "./agents";
import { AuthError, ProtocolError, TimeoutError, TransportError, UnsafeInputError } from "./errors";
import { parseXml } from "./parse";
import { postXml } from "./transport";

interface Received {
  headers: IncomingMessage["headers"];
  body: Buffer;
}

interface Loopback {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

const open: Loopback[] = [];

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Loopback> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      handler(request, response);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const loopback: Loopback = {
    url: `http://127.0.0.1:${port}/ios_xml_app/cme`,
    received,
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
  await Promise.all(open.splice(0).map((loopback) => loopback.close()));
});
afterAll(async () => {
  await closeAgents();
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}

const XML_OK = `<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><response><ok>1</ok></response></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

describe("postXml", () => {
  it("POSTs the body with Basic auth and the content type, and returns status, headers and body", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/xml; charset=utf-8", "x-extra": "yes" });
      response.end(XML_OK);
    });
    const reply = await postXml({
      url: server.url,
      body: "<a>é</a>",
      username: "xmluser",
      password: "p<w>&d",
      contentType: "text/xml",
      timeoutMs: 5_000,
    });
    expect(reply).toEqual({ status: 200, headers: expect.objectContaining({ "x-extra": "yes" }), body: XML_OK });
    const [received] = server.received;
    expect(received?.body.toString("utf8")).toBe("<a>é</a>");
    expect(received?.headers["content-type"]).toBe("text/xml");
    expect(received?.headers.authorization).toBe(`Basic ${Buffer.from("xmluser:p<w>&d").toString("base64")}`);
    expect(received?.headers.soapaction).toBeUndefined();
  });

  it("decodes Latin-1 replies named in the header or only in the XML declaration", async () => {
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><r>J\u00fcrgen</r>`, "latin1");
    const undeclared = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(latin1);
    });
    expect((await postXml({ url: undeclared.url, body: "<a/>", timeoutMs: 5_000 })).body).toContain("<r>Jürgen</r>");
    const declared = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/xml; charset=iso-8859-1" });
      response.end(Buffer.from("<r>J\u00fcrgen</r>", "latin1"));
    });
    expect((await postXml({ url: declared.url, body: "<a/>", timeoutMs: 5_000 })).body).toBe("<r>Jürgen</r>");
  });

  it("sends a quoted SOAPAction when asked", async () => {
    const server = await serve((_request, response) => response.end(XML_OK));
    await postXml({ url: server.url, body: "<a/>", soapAction: "selectCmDevice", timeoutMs: 5_000 });
    expect(server.received[0]?.headers.soapaction).toBe('"selectCmDevice"');
  });

  it("returns a 500 for the caller to interpret", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(500, { "content-type": "text/xml" });
      response.end("<Envelope><Body><Fault><faultcode>Server</faultcode></Fault></Body></Envelope>");
    });
    const reply = await postXml({ url: server.url, body: "<a/>", timeoutMs: 5_000 });
    expect(reply.status).toBe(500);
  });

  it.each([401, 403])("turns HTTP %i into AuthError", async (status) => {
    const server = await serve((_request, response) => {
      response.writeHead(status, { "www-authenticate": 'Basic realm="level_15_access"', "content-type": "text/html" });
      response.end("<html><body>Unauthorized</body></html>");
    });
    const error = await failure(
      postXml({ url: server.url, body: "<a/>", username: "u", password: "wrong", timeoutMs: 5_000 }),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(status);
    expect((error as AuthError).userMessage).not.toContain("wrong");
  });

  it("never follows a redirect", async () => {
    let hits = 0;
    const server = await serve((_request, response) => {
      hits++;
      response.writeHead(302, { location: "/elsewhere" });
      response.end();
    });
    const error = await failure(postXml({ url: server.url, body: "<a/>", timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).problem).toBe("redirect");
    expect(hits).toBe(1);
  });

  it("caps a 20 MB streamed body", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/xml" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < 20 && !response.destroyed) {
          sent++;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      response.on("error", () => undefined);
      pump();
    });
    const error = await failure(postXml({ url: server.url, body: "<a/>", timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).problem).toBe("too-large");
    expect((error as ProtocolError).message).toContain("reply too large");
  });

  it("refuses a declared Content-Length past the cap before reading", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-length": String(2048) });
      response.end("x".repeat(2048));
    });
    const error = await failure(postXml({ url: server.url, body: "<a/>", timeoutMs: 5_000, maxReplyBytes: 1024 }));
    expect((error as ProtocolError).problem).toBe("too-large");
  });

  it("ends a slow drip (1 byte per 200 ms) at the 1 s deadline", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/xml" });
      const timer = setInterval(() => (response.destroyed ? clearInterval(timer) : response.write("<")), 200);
      response.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failure(postXml({ url: server.url, body: "<a/>", timeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe("total");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives TimeoutError when the reply never comes", async () => {
    const server = await serve(() => undefined);
    const error = await failure(postXml({ url: server.url, body: "<a/>", timeoutMs: 500 }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("gives TransportError for a refused connection", async () => {
    const server = await serve(() => undefined);
    await server.close();
    const error = await failure(postXml({ url: server.url, body: "<a/>", timeoutMs: 2_000 }));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe("ECONNREFUSED");
    expect((error as TransportError).message).toBe("connection refused");
  });

  it("gives TransportError for a reset connection", async () => {
    const server = await serve((request) => request.socket.resetAndDestroy());
    const error = await failure(postXml({ url: server.url, body: "<a/>", timeoutMs: 2_000 }));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toBe("connection reset");
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain((error as TransportError).code);
  });

  it("stops when the caller aborts", async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(
      postXml({ url: server.url, body: "<a/>", timeoutMs: 5_000, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe("ABORT_ERR");
  });

  it("returns an HTML page or an empty body for parseXml to refuse", async () => {
    const html = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html><body><h1>Welcome</h1></body></html>");
    });
    const htmlReply = await postXml({ url: html.url, body: "<a/>", timeoutMs: 5_000 });
    expect(() => parseXml(htmlReply.body)).toThrow(ProtocolError);
    const empty = await serve((_request, response) => response.end());
    const emptyReply = await postXml({ url: empty.url, body: "<a/>", timeoutMs: 5_000 });
    expect(() => parseXml(emptyReply.body)).toThrow(ProtocolError);
  });

  it("refuses unsafe addresses and credentials before sending anything", async () => {
    const server = await serve((_request, response) => response.end(XML_OK));
    const withCredentials = server.url.replace("http://", "http://u:p@");
    await expect(postXml({ url: withCredentials, body: "", timeoutMs: 1_000 })).rejects.toThrow(UnsafeInputError);
    await expect(postXml({ url: "ftp://127.0.0.1/", body: "", timeoutMs: 1_000 })).rejects.toThrow(UnsafeInputError);
    await expect(
      postXml({ url: server.url, body: "", username: "a:b", password: "x", timeoutMs: 1_000 }),
    ).rejects.toThrow(UnsafeInputError);
    await expect(
      postXml({ url: server.url, body: "", username: "a", password: "x\r\nX-Injected: 1", timeoutMs: 1_000 }),
    ).rejects.toThrow(UnsafeInputError);
    expect(server.received).toHaveLength(0);
  });
});

describe("hostile replies over loopback", () => {
  const deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
  it.each([
    [
      "a DOCTYPE entity bomb",
      `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>`,
      "doctype",
    ],
    ["a __proto__ element", "<r><__proto__><polluted>1</polluted></__proto__></r>", "unexpected-shape"],
    ["a constructor element", "<r><constructor><prototype>1</prototype></constructor></r>", "unexpected-shape"],
    ["10,000-deep nesting", deep, "too-deep"],
    ["truncated XML", "<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><response><ISDevice><ISDevID>1</IS", "truncated"],
  ])("%s gives ProtocolError", async (_label, body, problem) => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(body);
    });
    const reply = await postXml({ url: server.url, body: "<a/>", timeoutMs: 5_000 });
    let error: unknown;
    try {
      parseXml(reply.body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).problem).toBe(problem);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a reply flooded with 100,000 numeric character references before parsing it", async () => {
    const server = await serve((_request, response) => response.end(`<r>${"&#x41;".repeat(100_000)}</r>`));
    const reply = await postXml({ url: server.url, body: "<a/>", timeoutMs: 5_000 });
    expect(() => parseXml(reply.body)).toThrow(expect.objectContaining({ kind: "protocol", problem: "too-large" }));
  });
});
