// The one error envelope: { error: { code, message, requestId, details? } }.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.unknown().optional(),
  }),
});

export function errorResponse(error: AppError, requestId: string): NextResponse {
  const body = {
    error: {
      code: error.code,
      message: error.userMessage,
      requestId,
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
  return NextResponse.json(body, {
    status: error.status,
    headers: { "x-request-id": requestId, "cache-control": "no-store", ...error.headers },
  });
}

/**
 * Any thrown value becomes an AppError. Expected refusals (an AppError or a Cisco client error)
 * are the answer, not a fault: a client status logs at debug, a failing router or cluster (502, 504)
 * as a warning. Only unknown errors log as errors, and answer as a plain 500.
 */
export function toAppError(error: unknown, requestId: string): AppError {
  const expected = asAppError(error) ?? upstreamError(error);
  if (expected) {
    const fields = { requestId, code: expected.code, status: expected.status };
    if (expected.status >= 500) log.warn("API request failed", fields);
    else log.debug("API request refused", fields);
    return expected;
  }
  log.error("unhandled error in API route", {
    requestId,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return new AppError(
    "internal_error",
    "Something went wrong on the server. The request id helps an administrator find it in the log.",
  );
}

/**
 * An AppError, also one built by another copy of lib/errors: Next.js may bundle it more than once
 * (the limiter the server installs at start throws its own bundle's AppError), so `instanceof`
 * alone would turn a 429 into a logged 500.
 */
function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (!(error instanceof Error) || error.name !== "AppError") return null;
  const e = error as Partial<AppError>;
  if (typeof e.code !== "string" || typeof e.userMessage !== "string" || typeof e.status !== "number") return null;
  return new AppError(e.code, e.userMessage, {
    internal: error.message,
    status: e.status,
    ...(e.details !== undefined ? { details: e.details } : {}),
    ...(e.headers ? { headers: e.headers } : {}),
  });
}

/**
 * Errors from the Cisco clients carry a `kind` and a plain-words `userMessage` (lib/soap/errors);
 * they map by kind without this module importing the clients.
 */
function upstreamError(error: unknown): AppError | null {
  if (!error || typeof error !== "object" || !("kind" in error) || !("userMessage" in error)) return null;
  const { kind, userMessage } = error as { kind: string; userMessage: string };
  switch (kind) {
    case "rate-limited": {
      const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
      return new AppError(
        "rate_limited",
        userMessage,
        retryAfterMs ? { headers: { "retry-after": String(Math.ceil(retryAfterMs / 1000)) } } : {},
      );
    }
    case "input":
      return new AppError("validation_failed", userMessage);
    case "timeout":
      return new AppError("upstream_failed", userMessage, { status: 504 });
    default:
      return new AppError("upstream_failed", userMessage);
  }
}
