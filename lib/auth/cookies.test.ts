// The session cookie as next-auth sets it with Linewatch's options: a real credentials sign-in
// through next-auth's handler (CSRF round trip included), the password check stubbed. Over an
// https:// NEXTAUTH_URL the cookie is Secure (with the __Secure- prefix browsers enforce); it is
// HttpOnly and SameSite=Lax either way.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import NextAuth from "next-auth";
import { resetEnvForTests } from "@/lib/env";
import { authOptions } from "./options";

vi.mock("./sign-in", () => ({
  checkSignIn: vi.fn(async () => ({
    id: "user-1",
    email: "helpdesk@example.test",
    name: "Helpdesk",
    sessionVersion: 0,
  })),
}));

type Headers = Record<string, string | string[]>;

/** The pages-router shape of a response, which is what next-auth's API handler writes to. */
function fakeResponse() {
  const headers: Headers = {};
  let body: unknown;
  let status = 200;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      headers[name.toLowerCase()] = value;
      return res;
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
    json(value: unknown) {
      body = value;
      return res;
    },
    send(value: unknown) {
      body = value;
      return res;
    },
    end: () => res,
  };
  return { res, result: () => ({ status, headers, body }) };
}

async function callNextAuth(
  action: string[],
  request: {
    method: "GET" | "POST";
    body?: Record<string, string>;
    cookies?: Record<string, string>;
    host: string;
    proto: string;
  },
) {
  const { res, result } = fakeResponse();
  const req = {
    method: request.method,
    query: { nextauth: action },
    body: request.body ?? {},
    cookies: request.cookies ?? {},
    headers: {
      host: request.host,
      "x-forwarded-proto": request.proto,
      "content-type": "application/x-www-form-urlencoded",
    },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(
    req,
    res,
    authOptions(),
  );
  return result();
}

const setCookies = (headers: Headers) => [headers["set-cookie"] ?? []].flat();
const cookieNamed = (all: string[], name: string) => all.find((cookie) => cookie.startsWith(`${name}=`));
const attributes = (cookie: string) =>
  cookie
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase());

/** Signs in through next-auth: the CSRF cookie it handed out first, and every Set-Cookie of the callback. */
async function signIn(baseUrl: string): Promise<{ csrfCookie: string; cookies: string[] }> {
  process.env.NEXTAUTH_URL = baseUrl;
  resetEnvForTests();
  const { host, protocol } = new URL(baseUrl);
  const proto = protocol.replace(":", "");
  const csrf = await callNextAuth(["csrf"], { method: "GET", host, proto });
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  const csrfCookie = setCookies(csrf.headers).find((c) => /next-auth\.csrf-token=/.test(c))!;
  const [name, value] = csrfCookie.split(";")[0]!.split(/=(.*)/s) as [string, string];
  const callback = await callNextAuth(["callback", "credentials"], {
    method: "POST",
    host,
    proto,
    cookies: { [name]: decodeURIComponent(value) },
    body: { csrfToken, email: "helpdesk@example.test", password: "the right password", json: "true" },
  });
  expect(callback.status).toBe(200);
  return { csrfCookie, cookies: setCookies(callback.headers) };
}

const saved = { url: process.env.NEXTAUTH_URL, secret: process.env.NEXTAUTH_SECRET };

beforeEach(() => {
  process.env.NEXTAUTH_SECRET = "a-session-secret-for-tests-that-is-long-enough-0123456789";
});
afterEach(() => {
  for (const [key, value] of [
    ["NEXTAUTH_URL", saved.url],
    ["NEXTAUTH_SECRET", saved.secret],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
});

describe("session cookie", () => {
  test("over https: Secure, HttpOnly, SameSite=Lax, with the __Secure- prefix", async () => {
    const { csrfCookie, cookies } = await signIn("https://linewatch.example.com");
    const session = cookieNamed(cookies, "__Secure-next-auth.session-token");
    expect(session, cookies.join("\n")).toBeDefined();
    expect(attributes(session!)).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=lax", "path=/"]));
    expect(cookieNamed(cookies, "next-auth.session-token"), "no unprefixed, insecure copy").toBeUndefined();
    // The CSRF cookie is host-only (__Host-) and Secure too.
    expect(csrfCookie.startsWith("__Host-next-auth.csrf-token=")).toBe(true);
    expect(attributes(csrfCookie)).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=lax"]));
  });

  test("over http (a lab or the e2e run): HttpOnly and SameSite=Lax, not Secure, no __Secure- prefix", async () => {
    const { cookies } = await signIn("http://127.0.0.1:3210");
    const session = cookieNamed(cookies, "next-auth.session-token");
    expect(session, cookies.join("\n")).toBeDefined();
    expect(attributes(session!)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(attributes(session!)).not.toContain("secure");
    expect(cookies.some((c) => c.startsWith("__Secure-") || c.startsWith("__Host-"))).toBe(false);
  });

  test("every cookie next-auth sets over https is Secure and HttpOnly", async () => {
    const { cookies } = await signIn("https://linewatch.example.com");
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies)
      expect(attributes(cookie), cookie.split("=")[0]).toEqual(
        expect.arrayContaining(["httponly", "secure", "samesite=lax"]),
      );
  });
});
