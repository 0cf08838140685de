// Maps Node and undici network failures to typed errors in plain words, keeping the errno code.
import { TimeoutError, TransportError } from "./errors";

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "HOSTNAME_MISMATCH",
]);

const PLAIN_WORDS: Record<string, [string, string]> = {
  ECONNREFUSED: [
    "connection refused",
    "The device refused the connection: check the address, port and that its web server is on.",
  ],
  ECONNRESET: ["connection reset", "The device closed the connection unexpectedly (connection reset)."],
  EPIPE: ["connection reset", "The device closed the connection unexpectedly (connection reset)."],
  UND_ERR_SOCKET: ["connection reset", "The device closed the connection unexpectedly (connection reset)."],
  ENOTFOUND: ["host not found", "The device's host name was not found."],
  EAI_AGAIN: ["host not found", "The device's host name could not be looked up right now."],
  EHOSTUNREACH: ["host unreachable", "The device's network cannot be reached."],
  ENETUNREACH: ["network unreachable", "The device's network cannot be reached."],
  EADDRNOTAVAIL: ["address not available", "The device's address cannot be used from this server."],
};

function errnoCode(error: unknown): string | undefined {
  let current: unknown = error;
  // undici wraps the socket error; the errno code may sit one or two causes down.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code !== "UND_ERR_SOCKET") return code;
    if (typeof code === "string" && !(current.cause instanceof Error)) return code;
    current = current.cause;
  }
  return undefined;
}

export function networkError(error: unknown, connectTimeoutMs: number): TimeoutError | TransportError {
  const code = errnoCode(error);
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") {
    return new TimeoutError("connect", connectTimeoutMs, { cause: error });
  }
  if (code !== undefined && (TLS_CODES.has(code) || code.startsWith("ERR_TLS_CERT"))) {
    return new TransportError(
      `TLS certificate not trusted (${code})`,
      "The device's TLS certificate is not trusted: check the source's certificate setting.",
      code,
      { cause: error },
    );
  }
  if (code !== undefined && (code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_"))) {
    return new TransportError(
      `TLS handshake failed (${code})`,
      "A secure connection to the device failed: check whether it speaks HTTP or HTTPS on that port.",
      code,
      { cause: error },
    );
  }
  const words = code === undefined ? undefined : PLAIN_WORDS[code];
  if (words) return new TransportError(words[0], words[1], code, { cause: error });
  return new TransportError(
    `network error${code ? ` (${code})` : ""}: ${(error as Error)?.message ?? String(error)}`,
    "The device could not be reached.",
    code,
    { cause: error },
  );
}
