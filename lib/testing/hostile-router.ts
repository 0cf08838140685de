// A loopback "router" that answers the CME XML API path and can turn hostile at runtime: in proxy
// mode it forwards to a real CME simulator (so a first poll stores good data), in each hostile
// mode it answers the way a broken or malicious box would. For the poll-level fault tests and the
// reliability report; it counts requests per mode and the sockets it holds.
import { sendSlowDrip } from "@/lib/simulators/cme/failures";
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { startCmeSimulator, type CmeSimulator, type CmeSimulatorOptions } from "@/lib/simulators/cme";

export const HOSTILE_MODES = [
  "proxy",
  "refused",
  "entity-bomb",
  "char-ref-flood",
  "huge-body",
  "slow-drip",
  "no-reply",
  "truncated-xml",
  "html-200",
  "proto-names",
  "deep-nesting",
  "reset",
  "status-401",
] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface HostileRouterOptions {
  /** The real router behind proxy mode. */
  simulator?: CmeSimulatorOptions;
  /** huge-body: bytes streamed (default 20 MiB). */
  hugeBodyBytes?: number;
  /** char-ref-flood: bytes of `&#65;` (default 4 MiB, under the client's 8 MiB cap so it is decoded). */
  floodBytes?: number;
  /** deep-nesting: levels (default 10,000). */
  nestingDepth?: number;
  /** slow-drip: one byte per interval (default 1 s). */
  dripIntervalMs?: number;
}

export interface HostileRouter {
  /** http://127.0.0.1:PORT; the XML API is at `${url}/ios_xml_app/cme`. */
  url: string;
  port: number;
  /** The real router behind proxy mode (phones, failures, counters). */
  simulator: CmeSimulator;
  mode(): HostileMode;
  /**
   * Switches mode. `methods` limits the hostile answer to requests naming those CME methods (the
   * rest are proxied); by default every request gets it. "refused" closes the port; any other mode
   * opens it again on the same port.
   */
  setMode(mode: HostileMode, options?: { methods?: readonly string[] }): Promise<void>;
  /** Requests received, in one mode or in all. */
  requestCount(mode?: HostileMode): number;
  /** Connections open now (idle keep-alive ones from proxied requests included). */
  openSockets(): number;
  /** Connections that carried a hostile reply and are still open: 0 once every poll let go. */
  hostileSockets(): number;
  /** Hostile replies still being written or held open (drip, no reply, streaming). */
  activeReplies(): number;
  resetCounters(): void;
  close(): Promise<void>;
}

export const CME_PATHS = new Set(["/ios_xml_app/cme", "/ios_xml_app/cme/"]);
const XML = { "Content-Type": "text/xml", Server: "cisco-IOS", Connection: "close" } as const;
const HTML = { "Content-Type": "text/html", Server: "cisco-IOS", Connection: "close" } as const;

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The CME method a request names (`<request xsi:type="M"><M>`), or "". */
export function cmeMethodOf(body: string): string {
  return /<request\b[^>]*>\s*<([A-Za-z]\w*)/.exec(body)?.[1] ?? "";
}

function forward(base: string, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  const target = new URL(req.url ?? "/", base);
  const headers: Record<string, string> = { "content-length": String(body.length) };
  for (const name of ["authorization", "content-type", "soapaction"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    // agent: false: one connection per forwarded request, nothing left open behind the proxy.
    const out = httpRequest(target, { method: req.method, headers, agent: false }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on("data", (chunk: Buffer) => chunks.push(chunk));
      reply.on("error", reject);
      reply.on("end", () => {
        const replyHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(reply.headers)) {
          if (
            typeof value === "string" &&
            name !== "content-length" &&
            name !== "transfer-encoding" &&
            name !== "connection"
          )
            replyHeaders[name] = value;
        }
        resolve({
          status: reply.statusCode ?? 502,
          headers: replyHeaders,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    out.on("error", reject);
    out.end(body);
  });
}

async function readRequest(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function replyHead(method: string): string {
  const type = method ? ` xsi:type="${method}Response"` : "";
  return `<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><response${type}>`;
}
const REPLY_TAIL = "</response></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>\n";

/** Puts `inner` right inside the first ISDevice of a real reply (or inside <response>). */
function inject(xml: string, inner: string): string {
  const at = /<ISDevice>|<response\b[^>]*>/.exec(xml);
  if (!at) return `${replyHead("")}${inner}${REPLY_TAIL}`;
  const end = at.index + at[0].length;
  return `${xml.slice(0, end)}${inner}${xml.slice(end)}`;
}

export function entityBomb(method: string): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level++)
    entities.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? "" : level - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join("\n")}\n]>\n${replyHead(method)}<ISDevice><ISDevName>&lol9;</ISDevName></ISDevice>${REPLY_TAIL}`;
}

/** Resolves once the response can take more bytes, or once it is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** 200, chunked, an ISgetDevice reply that never stops growing until `total` bytes went out. */
async function streamHugeBody(res: ServerResponse, method: string, total: number): Promise<void> {
  res.writeHead(200, XML);
  res.write(replyHead(method));
  const entity =
    "<ISDevice><ISDevID>1</ISDevID><ISDevName>SEP000000000001</ISDevName><ISDevStatus>registered</ISDevStatus></ISDevice>";
  const chunk = Buffer.from(entity.repeat(Math.ceil(65_536 / entity.length)));
  let sent = 0;
  while (sent < total && !res.destroyed) {
    sent += chunk.length;
    if (!res.write(chunk)) await drained(res);
  }
  if (!res.destroyed) res.end(REPLY_TAIL);
}

function sendWhole(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

export async function startHostileRouter(options: HostileRouterOptions = {}): Promise<HostileRouter> {
  const simulator = await startCmeSimulator(options.simulator ?? {});
  const hugeBodyBytes = options.hugeBodyBytes ?? 20 * 1024 * 1024;
  const floodBytes = options.floodBytes ?? 4 * 1024 * 1024;
  const nestingDepth = options.nestingDepth ?? 10_000;
  const dripIntervalMs = options.dripIntervalMs ?? 1_000;

  let mode: HostileMode = "proxy";
  let targets: ReadonlySet<string> | null = null;
  const counts = new Map<HostileMode, number>();
  const sockets = new Set<Socket>();
  const hostileSockets = new Set<Socket>();
  let active = 0;

  async function answerHostile(
    chosen: HostileMode,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    method: string,
  ): Promise<void> {
    active++;
    res.on("close", () => active--);
    const socket = req.socket;
    if (!socket.destroyed) {
      hostileSockets.add(socket);
      socket.once("close", () => hostileSockets.delete(socket));
    }
    const real = async () => (await forward(simulator.url, req, body)).body;
    switch (chosen) {
      case "entity-bomb":
        return sendWhole(res, 200, XML, entityBomb(method));
      case "char-ref-flood": {
        // The references decode to text where the phone list should be: megabytes to decode, no phone in it.
        const flood = "&#65;".repeat(Math.ceil(floodBytes / 5));
        return sendWhole(res, 200, XML, `${replyHead(method)}${flood}${REPLY_TAIL}`);
      }
      case "huge-body":
        return streamHugeBody(res, method, hugeBodyBytes);
      case "slow-drip":
        return sendSlowDrip(res, await real(), dripIntervalMs);
      case "no-reply":
        return; // read, never answer: the socket stays until the client gives up or close()
      case "truncated-xml": {
        const xml = await real();
        return sendWhole(res, 200, XML, xml.slice(0, Math.floor(xml.length / 2)));
      }
      case "html-200":
        return sendWhole(
          res,
          200,
          HTML,
          "<HTML><HEAD><TITLE>cme-sim Home Page</TITLE></HEAD><BODY><H1>Cisco Systems</H1><P>Accessing Cisco router</P></BODY></HTML>\n",
        );
      case "proto-names":
        return sendWhole(
          res,
          200,
          XML,
          inject(
            await real(),
            "<__proto__><ISDevName>polluted</ISDevName><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor>",
          ),
        );
      case "deep-nesting":
        return sendWhole(
          res,
          200,
          XML,
          inject(await real(), `${"<ISNested>".repeat(nestingDepth)}x${"</ISNested>".repeat(nestingDepth)}`),
        );
      case "reset": {
        const xml = Buffer.from(await real());
        // A keep-alive reply of known length, as the router would send it; then the box goes away.
        res.writeHead(200, { "Content-Type": "text/xml", Server: "cisco-IOS", "Content-Length": xml.length });
        res.write(xml.subarray(0, Math.floor(xml.length / 2)));
        // Half the reply is on the wire; then the connection is torn down (RST), as a crashing box does.
        setTimeout(() => (res.socket ? res.socket.resetAndDestroy() : res.destroy()), 20);
        return;
      }
      case "status-401":
        return sendWhole(
          res,
          401,
          { ...HTML, "WWW-Authenticate": 'Basic realm="level_15_access"' },
          "<HTML><HEAD><TITLE>401 Unauthorized</TITLE></HEAD><BODY>Authorization required.</BODY></HTML>\n",
        );
      case "proxy":
      case "refused":
        throw new Error(`${chosen} is not a hostile answer`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://router").pathname;
    if (!CME_PATHS.has(path)) {
      req.resume();
      return sendWhole(res, 404, HTML, "<HTML><BODY>404 Not Found</BODY></HTML>\n");
    }
    const body = await readRequest(req);
    const method = cmeMethodOf(body.toString("utf8"));
    const chosen: HostileMode = mode === "proxy" || (targets !== null && !targets.has(method)) ? "proxy" : mode;
    counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
    if (chosen !== "proxy") return answerHostile(chosen, req, res, body, method);
    const reply = await forward(simulator.url, req, body);
    sendWhole(res, reply.status, reply.headers, reply.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendWhole(res, 502, HTML, "<HTML><BODY>502 Bad Gateway</BODY></HTML>\n");
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      // Keep-alive and held connections would otherwise still reach the "closed" port.
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    simulator,
    mode: () => mode,
    async setMode(next, setOptions = {}) {
      if (next === "refused") await stopListening();
      else if (!server.listening) await listen(port);
      mode = next;
      targets = setOptions.methods ? new Set(setOptions.methods) : null;
    },
    requestCount: (which) => (which ? (counts.get(which) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0)),
    openSockets: () => sockets.size,
    hostileSockets: () => hostileSockets.size,
    activeReplies: () => active,
    resetCounters: () => counts.clear(),
    async close() {
      await stopListening();
      await simulator.close();
    },
  };
}
