// Real HTTP in front of the real route handlers: a small node:http server converts each request
// to a web Request (NextRequest), calls the exported handler and writes its Response back. Then
// many concurrent API clients read the phones list with a Bearer token, and latency is timed on
// the client side. Every reply body is handed to `onReply` (the secrets scan reads them).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { NextRequest } from "next/server";
import { Agent, fetch } from "undici";
import { percentile } from "./report";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

function requestOf(incoming: IncomingMessage, base: string): NextRequest {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return new NextRequest(new URL(incoming.url ?? "/", base), { method: incoming.method, headers });
}

/** Serves GET routes (path -> handler) on 127.0.0.1; anything else is 404. */
export async function startApiServer(
  routes: Record<string, Handler>,
  onReply: (body: string) => void,
): Promise<ApiServer> {
  let base = "";
  const server: Server = createServer((incoming, outgoing) => {
    const path = (incoming.url ?? "/").split("?")[0]!;
    const handler = incoming.method === "GET" ? routes[path] : undefined;
    if (!handler) {
      outgoing.writeHead(404).end();
      return;
    }
    void handler(requestOf(incoming, base), { params: Promise.resolve({}) })
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        onReply(body.toString("utf8"));
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        outgoing.writeHead(response.status, headers).end(body);
      })
      .catch(() => outgoing.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface LoadFigures {
  requests: number;
  errors: number;
  firstError?: string;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  wallMs: number;
}

/** Queries a helpdesk person or a dashboard would send: pages, filters, searches, sorts. */
function phoneQuery(client: number, i: number, sourceIds: string[]): string {
  const n = client * 131 + i;
  const variants = [
    `page=${1 + (n % 20)}&pageSize=50`,
    "status=unregistered&pageSize=50",
    `sort=lastChange&order=desc&page=${1 + (n % 5)}`,
    `source=${sourceIds[n % sourceIds.length]}&pageSize=100`,
    `q=SEP00${(n % 16).toString(16).toUpperCase()}`,
    `q=${1000 + (n % 900)}`,
    "sort=status&order=desc",
    "protocol=SIP&keyPhone=false",
  ];
  return variants[n % variants.length]!;
}

/** `clients` concurrent clients, each sending `perClient` requests one after another. */
export async function runPhoneClients(options: {
  url: string;
  token: string;
  clients: number;
  perClient: number;
  sourceIds: string[];
}): Promise<LoadFigures> {
  const agent = new Agent({ connections: options.clients, keepAliveTimeout: 2_000 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const client = async (index: number) => {
    for (let i = 0; i < options.perClient; i++) {
      const t0 = performance.now();
      try {
        const response = await fetch(`${options.url}/api/v1/phones?${phoneQuery(index, i, options.sourceIds)}`, {
          headers: { authorization: `Bearer ${options.token}` },
          dispatcher: agent,
        });
        const body = await response.text();
        if (response.status !== 200) {
          errors++;
          firstError ??= `${response.status} ${body.slice(0, 120)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
  const wallMs = performance.now() - started;
  await agent.close();
  return {
    requests: latencies.length,
    errors,
    firstError,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
    wallMs,
  };
}

/** One GET with a token; the body (already scanned by the server's onReply) and status. */
export async function getOnce(url: string, token: string): Promise<{ status: number; body: string }> {
  const agent = new Agent();
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
    return { status: response.status, body: await response.text() };
  } finally {
    await agent.close();
  }
}
