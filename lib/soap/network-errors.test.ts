import { describe, expect, it } from "vitest";
import { TimeoutError, TransportError } from "./errors";
import { networkError } from "./network-errors";

function failure(code: string, wrapped = false): Error {
  const cause = Object.assign(new Error(`socket said ${code}`), { code });
  return wrapped ? Object.assign(new Error("fetch failed", { cause }), { code: "UND_ERR_SOCKET" }) : cause;
}

describe("networkError", () => {
  it.each([
    ["ECONNREFUSED", "connection refused"],
    ["ECONNRESET", "connection reset"],
    ["UND_ERR_SOCKET", "connection reset"],
    ["ENOTFOUND", "host not found"],
    ["EAI_AGAIN", "host not found"],
    ["EHOSTUNREACH", "host unreachable"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "TLS certificate not trusted (ERR_TLS_CERT_ALTNAME_INVALID)"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER)"],
  ])("maps %s to TransportError in plain words, keeping the code", (code, words) => {
    const error = networkError(failure(code), 1_000);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toBe(words);
    expect((error as TransportError).code).toBe(code);
    expect(error.userMessage).not.toMatch(/[<>]/);
  });

  it("finds the errno code under undici's wrapper", () => {
    const error = networkError(failure("ECONNREFUSED", true), 1_000) as TransportError;
    expect(error.code).toBe("ECONNREFUSED");
  });

  it("maps a connect timeout to TimeoutError", () => {
    const error = networkError(failure("UND_ERR_CONNECT_TIMEOUT"), 1_500);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe("connect");
    expect((error as TimeoutError).timeoutMs).toBe(1_500);
  });

  it("keeps unknown failures typed", () => {
    const error = networkError(new Error("something odd"), 1_000);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.userMessage).toBe("The device could not be reached.");
  });
});
