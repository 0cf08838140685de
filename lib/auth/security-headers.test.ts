// Issue 15 #8 and the undecodable-path finding, at the level of the headers the proxy sends.
import { expect, test } from "vitest";
import { contentSecurityPolicy, newNonce, strictTransportSecurity, undecodablePath } from "./security-headers";

test("scripts need this request's nonce: no 'unsafe-inline' for scripts, a new nonce each time", () => {
  const nonce = newNonce();
  expect(nonce).not.toBe(newNonce());
  const csp = contentSecurityPolicy(nonce);
  const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
  expect(scriptSrc).toContain(`'nonce-${nonce}'`);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
});

test("HSTS only when the public URL is https", () => {
  expect(strictTransportSecurity("https://linewatch.example.com")).toMatch(/^max-age=\d{7,}/);
  expect(strictTransportSecurity("http://127.0.0.1:3210")).toBeNull();
  expect(strictTransportSecurity(undefined)).toBeNull();
});

test("a path that is not valid percent-encoded UTF-8 is a 400 with the envelope's code", () => {
  expect(undecodablePath("/api/v1/phones/%ff%fe")).toMatchObject({ code: "invalid_request", status: 400 });
  expect(undecodablePath("/api/v1/phones/SEP001122334455%20x")).toBeNull();
});
