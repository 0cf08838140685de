// Prometheus scrape endpoint. Outside /api/v1 on purpose (scrapers expect /metrics and plain
// text), so it is not in the OpenAPI contracts; it takes an API token of any role and nothing else.
import type { NextRequest } from "next/server";
import { principalFromRequest } from "@/lib/auth/session";
import { metricsText } from "@/lib/services/metrics";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const plain = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });

export async function GET(request: NextRequest): Promise<Response> {
  const hasBearer = /^Bearer\s+\S+$/i.test(request.headers.get("authorization") ?? "");
  const { principal, credential } = hasBearer
    ? await principalFromRequest(request)
    : { principal: null, credential: "none" as const };
  if (!principal || credential !== "token") {
    return plain("Send an API token as `Authorization: Bearer <token>`.\n", 401, {
      "www-authenticate": 'Bearer realm="linewatch"',
    });
  }
  try {
    return plain(await metricsText(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  } catch (error) {
    log.error("metrics failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return plain("Metrics are unavailable; see the server log.\n", 500);
  }
}
