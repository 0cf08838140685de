// A tiny scripted HTTP endpoint for the client's unit tests: records the raw bytes of every
// request and how many were in flight at once, and answers with whatever the test scripts.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: string;
  delayMs?: number;
  /** Reset the connection instead of answering. */
  reset?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  raw: Buffer;
  body: string;
  /** The CME method named inside <request>, or "" when there is none. */
  cmeMethod: string;
}

export interface ScriptedRouter {
  baseUrl: string;
  received: ReceivedRequest[];
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export function envelope(inner: string, responseType?: string): string {
  const type = responseType === undefined ? "" : ` xsi:type="${responseType}"`;
  return `<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><response${type}>${inner}</response></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

export async function startScriptedRouter(
  answer: (request: ReceivedRequest) => ScriptedAnswer,
): Promise<ScriptedRouter> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString("utf8");
      const entry: ReceivedRequest = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        raw,
        body,
        cmeMethod: /<request[^>]*>\s*<(\w+)/.exec(body)?.[1] ?? "",
      };
      received.push(entry);
      const scripted = answer(entry);
      setTimeout(() => {
        inFlight--;
        if (scripted.reset) return void request.socket.resetAndDestroy();
        response.writeHead(scripted.status ?? 200, { "content-type": "text/xml", ...scripted.headers });
        response.end(scripted.body);
      }, scripted.delayMs ?? 0);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
