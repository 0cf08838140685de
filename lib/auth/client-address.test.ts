// Issue 15 #1 and the same-origin finding: a client cannot choose the address it is throttled and
// audited under, nor the host a write is compared with.
import type { IncomingMessage } from "node:http";
import { describe, expect, test } from "vitest";
import { PEER_HEADER, clientAddress, expectedOrigin } from "./client-address";
import { stampPeer } from "./peer-stamp";

const direct = { trustProxy: false, trustedProxies: ["127.0.0.1", "::1"] };
const proxied = { trustProxy: true, trustedProxies: ["10.0.0.0/8", "::1"] };

/** What Next.js hands a route after the server saw a request from `socket` with these headers. */
function served(socket: string, headers: Record<string, string>, config = direct): Record<string, string> {
  const request = { socket: { remoteAddress: socket }, headers: { ...headers } } as unknown as IncomingMessage;
  stampPeer(request, config);
  const seen = request.headers as Record<string, string>;
  // Next.js only adds X-Forwarded-For when it is absent.
  seen["x-forwarded-for"] ??= socket;
  return seen;
}

describe("client address", () => {
  test("without a trusted proxy, the socket's address whatever X-Forwarded-For says", () => {
    for (let i = 0; i < 40; i++) {
      const headers = served("203.0.113.7", { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": "1.1.1.1" });
      expect(clientAddress(headers, direct)).toBe("203.0.113.7");
    }
    expect(clientAddress(served("::ffff:203.0.113.7", {}), direct)).toBe("203.0.113.7");
  });

  test("a client cannot forge the peer header itself", () => {
    expect(
      clientAddress(
        served("203.0.113.7", { [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "9.9.9.9" }, proxied),
        proxied,
      ),
    ).toBe("203.0.113.7");
  });

  test("behind trusted proxies, the right-most address that is not one of them", () => {
    const headers = served("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.20, 10.0.0.9" }, proxied);
    expect(clientAddress(headers, proxied)).toBe("198.51.100.20");
    // A proxy we do not trust talking to us directly: its headers are ignored.
    expect(clientAddress(served("198.51.100.99", { "x-forwarded-for": "6.6.6.6" }, proxied), proxied)).toBe(
      "198.51.100.99",
    );
  });
});

describe("expected origin for same-origin writes", () => {
  const url = new URL("http://linewatch.example/api/v1/x");
  test("the public URL decides scheme and host", () => {
    const headers = served("203.0.113.7", { host: "linewatch.example", "x-forwarded-host": "evil.example" });
    expect(expectedOrigin(headers, url, { ...direct, nextAuthUrl: "https://linewatch.example" })).toBe(
      "https://linewatch.example",
    );
  });
  test("without one: X-Forwarded-Host counts only from a trusted proxy", () => {
    expect(
      expectedOrigin(
        served("203.0.113.7", { host: "linewatch.example", "x-forwarded-host": "evil.example" }),
        url,
        direct,
      ),
    ).toBe("http://linewatch.example");
    expect(
      expectedOrigin(
        served(
          "10.0.0.2",
          { host: "internal:3000", "x-forwarded-host": "linewatch.example", "x-forwarded-proto": "https" },
          proxied,
        ),
        url,
        proxied,
      ),
    ).toBe("https://linewatch.example");
  });
});
