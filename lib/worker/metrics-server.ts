// A poll worker process's own /metrics (LINEWATCH_WORKER_METRICS_PORT): its Node process figures
// (memory, heap, event-loop lag, GC) and the polls it ran. The database-backed gauges stay on the
// web's /metrics; like it, this takes an API token of any role and nothing else.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { findActiveToken } from "@/lib/db/tokens";
import { TOKEN_PREFIX } from "@/lib/secrets/hashes";
import { processMetricsText } from "@/lib/api/process-metrics";
import { log } from "@/lib/log";

export interface WorkerMetricsServer {
  port: number;
  stop(): Promise<void>;
}

async function authorized(request: IncomingMessage): Promise<boolean> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (!match?.[1]?.startsWith(TOKEN_PREFIX)) return false;
  return (await findActiveToken(match[1])) !== null;
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const plain = (status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    });
    response.end(body);
  };
  const path = new URL(request.url ?? "/", "http://worker").pathname;
  if (path !== "/metrics") return plain(404, "Not found: the poll worker serves /metrics only.\n");
  if (request.method !== "GET" && request.method !== "HEAD") return plain(405, "GET /metrics.\n", { allow: "GET" });
  if (!(await authorized(request)))
    return plain(401, "Send an API token as `Authorization: Bearer <token>`.\n", {
      "www-authenticate": 'Bearer realm="linewatch"',
    });
  plain(200, await processMetricsText(), { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
}

/** Listens on `port` (0: any free one) at `host` (undefined: every interface). */
export function serveWorkerMetrics(port: number, host?: string): Promise<WorkerMetricsServer> {
  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      log.error("worker metrics failed", { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end("Metrics are unavailable; see the worker's log.\n");
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Prometheus keeps its connection open between scrapes.
            server.closeAllConnections();
          }),
      });
    });
  });
}
