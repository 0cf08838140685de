// Whether a failed router call may still have taken effect. A request that was sent and then
// went unanswered (timeout, reset, a reply we could not read) has an unknown outcome and must be
// reconciled; one refused before the router acted on it (auth, refused connection, SOAP fault,
// rate limit, unsafe input) did nothing.
import { ProtocolError, TimeoutError, TransportError } from "@/lib/soap";

const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

export function mayHaveTakenEffect(error: unknown): boolean {
  if (error instanceof TimeoutError) return error.phase === "total";
  if (error instanceof TransportError) return error.code !== undefined && RESET_CODES.has(error.code);
  if (error instanceof ProtocolError) return error.problem !== "redirect" && error.problem !== "http-status";
  return false;
}

/** The plain-words reason for a failure, for audit details (never raw XML or credentials). */
export function failureReason(error: unknown): string {
  if (error && typeof error === "object" && "userMessage" in error && typeof error.userMessage === "string")
    return error.userMessage;
  return "unexpected error";
}
