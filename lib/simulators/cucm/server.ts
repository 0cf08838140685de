// One HTTP listener per CUCM node, all answering from the same cluster state. Real nodes serve
// https on 8443; plain HTTP on loopback keeps tests free of certificates (the client's TLS choice
// is per source and is tested elsewhere). Handles Basic auth, JSESSIONID sessions and routing.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimulatorClock } from "./clock";
import type { AuthenticationCounters, CucmControl } from "./control";
import { handleControlRequest } from "./control-http";
import type { SimulatorSettings } from "./options";
import { axlInfoPage, busyPage } from "./axl/replies";
import type { AxlService } from "./axl/service";
import { notFoundPage, unauthorizedPage } from "./replies";
import { handleRisRequest, type RisServiceContext } from "./ris-service";

export const servicePath = "/realtimeservice2/services/RISService70";
/** The AXL endpoint; `/axl/` and `/axl` are both accepted. */
export const axlPath = "/axl/";
const sessionIdleMs = 30 * 60_000;
const maxBodyBytes = 32 * 1024 * 1024;

export interface NodeServerContext extends RisServiceContext {
  control: CucmControl;
  controlEndpoint: boolean;
  settings: SimulatorSettings;
  clock: SimulatorClock;
  /** JSESSIONID -> last use (simulator ms); shared, as a cluster's SSO cookie would be per node anyway. */
  sessions: Map<string, number>;
  authentications: AuthenticationCounters;
  axl: AxlService;
  axlVersion: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sessionCookie(header: string | undefined): string | undefined {
  return /(?:^|;\s*)JSESSIONID=([^;]+)/.exec(header ?? "")?.[1];
}

/** Valid Basic credentials, or else a live session cookie from an earlier authenticated reply. */
function authenticate(context: NodeServerContext, request: IncomingMessage): { ok: boolean; newSession?: string } {
  const now = context.clock.nowMs();
  const counters = context.authentications;
  const session = sessionCookie(request.headers.cookie);
  const lastUse = session ? context.sessions.get(session) : undefined;
  const live = session !== undefined && lastUse !== undefined && now - lastUse < sessionIdleMs;
  const given = basicCredentials(request.headers.authorization);
  if (given) {
    const { user, password } = context.settings.credentials;
    if (!sameSecret(given.user, user) || !sameSecret(given.password, password)) {
      counters.refused++;
      return { ok: false };
    }
    if (live) {
      context.sessions.set(session, now);
      counters.withCookie++;
      return { ok: true };
    }
    counters.withCredentials++;
    if (!context.settings.sessionCookies) return { ok: true };
    const issued = randomBytes(16).toString("hex").toUpperCase();
    context.sessions.set(issued, now);
    counters.sessionsIssued++;
    return { ok: true, newSession: issued };
  }
  if (live) {
    context.sessions.set(session, now);
    counters.withCookie++;
    return { ok: true };
  }
  counters.refused++;
  return { ok: false };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error("request body too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function handle(
  context: NodeServerContext,
  nodeName: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const node = context.state.node(nodeName);
  if (node?.unreachable) {
    request.socket.destroy();
    return;
  }
  const path = (request.url ?? "/").split("?")[0]?.replace(/\/+$/, "") ?? "";
  // Reset devices come back on the simulator clock, checked whenever anyone asks.
  context.axl.settle();
  if (path.startsWith("/__sim/")) {
    if (!context.controlEndpoint) return void response.writeHead(404).end();
    const reply = handleControlRequest(context.control, request.method ?? "GET", path, await readBody(request));
    response.writeHead(reply.status, { "Content-Type": "application/json" }).end(JSON.stringify(reply.json));
    return;
  }
  if (path === "/axl") return handleAxl(context, request, response);
  if (path !== servicePath) {
    response.writeHead(404, { "Content-Type": "text/html;charset=utf-8" }).end(notFoundPage(path));
    return;
  }
  const body = request.method === "POST" ? await readBody(request) : "";
  const auth = authenticate(context, request);
  if (!auth.ok) {
    if (request.method === "POST")
      context.log.record({ at: context.clock.nowMs(), node: nodeName, method: "unknown", outcome: "unauthorized" });
    response
      .writeHead(401, {
        "WWW-Authenticate": 'Basic realm="Cisco VTG Realm"',
        "Content-Type": "text/html;charset=utf-8",
      })
      .end(unauthorizedPage());
    return;
  }
  // Real CUCM adds "Secure"; a Secure cookie would be dropped by cookie jars over plain HTTP.
  const cookie = auth.newSession
    ? {
        "Set-Cookie": [
          `JSESSIONID=${auth.newSession}; Path=/realtimeservice2; HttpOnly`,
          `JSESSIONIDSSO=${auth.newSession.slice(0, 16)}SSO; Path=/; HttpOnly`,
        ],
      }
    : {};
  if (request.method !== "POST") {
    response
      .writeHead(200, { "Content-Type": "text/html;charset=utf-8", ...cookie })
      .end("<h1>RISService70</h1><p>Hi there, this is an AXIS service!</p>");
    return;
  }
  const reply = handleRisRequest(context, nodeName, body);
  if (context.settings.latencyMs > 0) await delay(context.settings.latencyMs);
  response.writeHead(reply.status, { "Content-Type": "text/xml;charset=utf-8", ...cookie }).end(reply.body);
}

function unauthorized(response: ServerResponse): void {
  response
    .writeHead(401, { "WWW-Authenticate": 'Basic realm="Cisco VTG Realm"', "Content-Type": "text/html;charset=utf-8" })
    .end(unauthorizedPage());
}

/** AXL: same credentials and sessions as RisPort, no RisPort budget or log, its own throttle. */
async function handleAxl(
  context: NodeServerContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = request.method === "POST" ? await readBody(request) : "";
  const auth = authenticate(context, request);
  if (!auth.ok) return unauthorized(response);
  const cookie = auth.newSession ? { "Set-Cookie": `JSESSIONID=${auth.newSession}; Path=/axl; HttpOnly` } : {};
  if (request.method !== "POST") {
    response
      .writeHead(200, { "Content-Type": "text/html;charset=utf-8", ...cookie })
      .end(axlInfoPage(context.axlVersion));
    return;
  }
  if (!context.axl.enter()) {
    response.writeHead(503, { "Content-Type": "text/html;charset=utf-8", ...cookie }).end(busyPage());
    return;
  }
  try {
    const reply = context.axl.handle(body);
    if (context.settings.latencyMs > 0) await delay(context.settings.latencyMs);
    response.writeHead(reply.status, { "Content-Type": reply.contentType, ...cookie }).end(reply.body);
  } finally {
    context.axl.leave();
  }
}

export async function startNodeServer(
  context: NodeServerContext,
  nodeName: string,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    handle(context, nodeName, request, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" }).end(error.message);
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
