// The one route wrapper: request id, authentication (token or session cookie), same-origin check
// for cookie writes, the permission check, zod parsing of params/query/body, and error envelopes.
// Every request is counted and timed (lib/api/process-metrics.ts); its log lines carry its id.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { log, withLogContext } from "@/lib/log";
import { can } from "@/lib/auth/permissions";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { principalFromRequest } from "@/lib/auth/session";
import { clientAddress, expectedOrigin } from "@/lib/auth/client-address";
import type { Actor } from "@/lib/db/audit";
import { errorResponse, toAppError } from "./envelope";
import { routeLimiter, type Release } from "./limits";
import { noteWriteFinished, sharedBody, sharedJson, sharedRead, sharedReadKey } from "./shared-reads";
import { recordApiRequest } from "./process-metrics";
import type { RouteContract } from "./contract";

export interface RouteContext<C extends RouteContract> {
  principal: Principal;
  actor: Actor;
  params: C extends { params: infer S extends z.ZodType } ? z.output<S> : undefined;
  query: C extends { query: infer S extends z.ZodType } ? z.output<S> : undefined;
  body: C extends { body: infer S extends z.ZodType } ? z.output<S> : undefined;
  request: NextRequest;
  requestId: string;
}

/** Handlers must return what the contract's response schema (and so the OpenAPI document) says. */
type Handler<C extends RouteContract> = (ctx: RouteContext<C>) => Promise<z.input<C["response"]> | Response>;
type NextContext = { params: Promise<Record<string, string | string[]>> };

const MAX_BODY_BYTES = 256 * 1024;

export function route<C extends RouteContract>(contract: C, handler: Handler<C>) {
  const answer = async (request: NextRequest, context: NextContext, requestId: string): Promise<Response> => {
    // The caller's in-flight slot (exports, heavy lists): given back when the response is complete,
    // which for a streamed body is when the stream ends, fails or is cancelled.
    let release: Release | undefined;
    try {
      const { principal, credential } = await principalFromRequest(request);
      if (!principal) {
        throw new AppError(
          "unauthenticated",
          credential === "token"
            ? "The API token is unknown, revoked or expired."
            : "Sign in, or send an API token as `Authorization: Bearer <token>`.",
          { headers: { "www-authenticate": 'Bearer realm="linewatch"' } },
        );
      }
      if (credential === "cookie" && contract.method !== "GET") assertSameOrigin(request);
      if (contract.permission !== "signedIn" && !can(principal, contract.permission)) {
        throw new AppError("forbidden", "Your role does not allow this.");
      }
      const params = parse(contract.params, await context.params, "invalid_request", "path");
      const query = parse(contract.query, Object.fromEntries(request.nextUrl.searchParams), "invalid_request", "query");
      const body = contract.body
        ? parse(contract.body, await readJson(request), "validation_failed", "body")
        : undefined;
      const limiter = routeLimiter();
      const callerId = `${principal.kind}:${principal.id}`;
      // The slot first: a request refused for concurrency does not use up the caller's rate.
      release = limiter?.enter(contract, callerId, query);
      limiter?.admit(contract, callerId, params, query);
      const ip = clientAddress(request.headers);
      const run = () =>
        handler({
          principal,
          actor: actorOf(principal, { requestId, ip }),
          params,
          query,
          body,
          request,
          requestId,
        } as RouteContext<C>);
      const status = contract.status ?? 200;
      const headers = { "x-request-id": requestId, "cache-control": "no-store" };
      let result: Awaited<ReturnType<typeof run>>;
      if (contract.shared && contract.method === "GET") {
        const key = sharedReadKey(`${contract.method} ${contract.path}`, params, query);
        const { answer, joined } = await sharedRead(
          key,
          async () => {
            const read = await run();
            return read instanceof Response ? { response: read } : sharedJson(read);
          },
          contract.reuseMs,
        );
        if ("json" in answer) {
          return new NextResponse(sharedBody(answer), {
            status,
            headers: { ...headers, "content-type": "application/json" },
          });
        }
        // A stream (a CSV export) is read once, by the request that asked for it: the others ask again.
        result = joined ? await run() : answer.response;
      } else result = await run();
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        const held = release;
        release = undefined;
        return held ? releaseWhenDone(result, held, requestId) : result;
      }
      if (status === 204) return new NextResponse(null, { status, headers: { "x-request-id": requestId } });
      return NextResponse.json(result, { status, headers });
    } catch (error) {
      return errorResponse(toAppError(error, requestId), requestId);
    } finally {
      // Every path but a handed-over body ends here: a JSON body is already serialised.
      release?.();
      // Even a failed write may have changed something: shared reads start afresh after it.
      if (contract.method !== "GET") noteWriteFinished();
    }
  };
  return async function handle(request: NextRequest, context: NextContext): Promise<Response> {
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    const started = performance.now();
    // Every line logged while answering carries the request id, whichever module logs it.
    const response = await withLogContext({ requestId }, () => answer(request, context, requestId));
    const seconds = (performance.now() - started) / 1000;
    const routePath = `/api/v1${contract.path}`;
    recordApiRequest(contract.method, routePath, response.status, seconds);
    log.debug("API request", {
      requestId,
      method: contract.method,
      route: routePath,
      status: response.status,
      durationMs: Math.round(seconds * 1000),
    });
    return response;
  };
}

/**
 * The same response whose body calls `release` once it is read to the end, fails, or is
 * cancelled by the client (a closed connection cancels it). A response without a body releases now.
 * A body that fails mid-way (the status is already sent) is a real fault: it is logged.
 */
export function releaseWhenDone(response: Response, release: Release, requestId?: string): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  // A client that goes away while a read is pending cancels the stream under it: that read's end
  // is then nobody's business (closing the controller again would throw), not a fault to log.
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (cancelled) return;
        if (next.done) {
          release();
          controller.close();
        } else controller.enqueue(next.value);
      } catch (error) {
        release();
        if (cancelled) return;
        log.error("API response body failed", {
          requestId,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        controller.error(error);
      }
    },
    async cancel(reason) {
      cancelled = true;
      release();
      await reader.cancel(reason).catch(() => {});
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function parse<T>(
  schema: z.ZodType<T> | undefined,
  input: unknown,
  code: "invalid_request" | "validation_failed",
  where: string,
): T | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join("."),
    message: i.message,
  }));
  const first = issues[0];
  throw new AppError(code, first ? `Invalid ${first.path}: ${first.message}` : `Invalid ${where}.`, {
    details: { issues },
  });
}

async function readJson(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw new AppError("invalid_request", "Send the body as JSON with Content-Type: application/json.");
  const text = await readLimited(request, MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
}

const tooLarge = () =>
  new AppError("invalid_request", `The request body is too large (at most ${MAX_BODY_BYTES / 1024} KiB).`, {
    status: 413,
  });

/**
 * The body as text, never holding more than `limit` bytes: a declared length above it is refused
 * unread, and a chunked body is cancelled the moment it passes it (request.text() would buffer all).
 */
export async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Cookie-authenticated writes must come from this site: blocks cross-site form/fetch posts. Scheme
 * and host are compared with the public URL; forwarded headers count only from trusted proxies.
 */
function assertSameOrigin(request: NextRequest): void {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin === null) {
    if (fetchSite === "same-origin") return;
    throw new AppError("forbidden", "Cross-site request refused: the Origin header is missing.");
  }
  let sent: string | null = null;
  try {
    sent = origin === "null" ? null : new URL(origin).origin;
  } catch {
    sent = null;
  }
  if (!sent || sent !== expectedOrigin(request.headers, request.nextUrl))
    throw new AppError("forbidden", "Cross-site request refused.");
}
