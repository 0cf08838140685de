// The route wrapper's error paths, each giving the envelope and the right status, with a real
// database behind authentication (tokens and session cookies).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { z } from "zod";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { createUser, getUser, updateUser } from "@/lib/db/users";
import { touchSession } from "@/lib/db/sessions";
import { db } from "@/lib/db/client";
import { env, resetEnvForTests, sessionSecret } from "@/lib/env";
import { endSession, startSession } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import { defineContract } from "./contract";
import { route } from "./route";

let database: TestDatabase;
let adminToken: string;
let viewerToken: string;
let cookie: string;
let userId: string;

const probe = defineContract({
  method: "POST",
  path: "/probe/{id}",
  summary: "test",
  tag: "Test",
  permission: "manageUsers",
  params: z.object({ id: z.string().regex(/^\d+$/) }),
  query: z.object({
    mode: z.enum(["ok", "notfound", "conflict", "boom", "ratelimited", "timeout", "device", "csv"]).default("ok"),
  }),
  body: z.object({ name: z.string().min(2) }).strict(),
  response: z.object({ echoed: z.string(), by: z.string() }),
});

class FakeSoapError extends Error {
  constructor(
    readonly kind: string,
    readonly userMessage: string,
    readonly retryAfterMs?: number,
  ) {
    super("internal detail <xml>secret</xml>");
  }
}

const handler = route(probe, async ({ params, query, body, actor }) => {
  switch (query.mode) {
    case "notfound":
      throw new AppError("not_found", "No such thing.");
    case "conflict":
      throw new AppError("conflict", "Already there.");
    case "boom":
      throw new Error("SELECT * FROM secret_table failed at line 3");
    case "ratelimited":
      throw new FakeSoapError("rate-limited", "The cluster's request budget is spent.", 12_500);
    case "timeout":
      throw new FakeSoapError("timeout", "The router did not answer in time.");
    case "device":
      throw new FakeSoapError("device", "The router refused: unknown phone.");
    case "csv":
      return new Response("a,b\r\n", { headers: { "content-type": "text/csv" } });
    default:
      return { echoed: `${params.id}:${body.name}`, by: actor.actor };
  }
});

function call(
  opts: {
    id?: string;
    mode?: string;
    body?: string;
    headers?: Record<string, string>;
    contentType?: string | null;
  } = {},
) {
  const url = `http://127.0.0.1:3000/api/v1/probe/${opts.id ?? "7"}${opts.mode ? `?mode=${opts.mode}` : ""}`;
  const headers: Record<string, string> = {
    ...(opts.contentType === null ? {} : { "content-type": opts.contentType ?? "application/json" }),
    ...opts.headers,
  };
  return handler(new NextRequest(url, { method: "POST", headers, body: opts.body ?? '{"name":"ok"}' }), {
    params: Promise.resolve({ id: opts.id ?? "7" }),
  });
}
async function sessionCookie(sub: string, sv: number, sid?: string): Promise<string> {
  const jwt = await encode({ token: { sub, sv, ...(sid ? { sid } : {}) }, secret: sessionSecret(() => {}) });
  return `next-auth.session-token=${jwt}`;
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectEnvelope(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body).toEqual({
    error: expect.objectContaining({ code, message: expect.any(String), requestId: expect.any(String) }),
  });
  expect(response.headers.get("x-request-id")).toBe(body.error.requestId);
  return body.error as { code: string; message: string; details?: unknown };
}

beforeAll(async () => {
  database = await startTestDatabase();
  adminToken = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  viewerToken = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  const user = await createUser(
    { email: "web@example.com", name: "Web", role: "admin", password: "a long enough password" },
    { actor: "test" },
  );
  userId = user.id;
  cookie = await sessionCookie(user.id, user.sessionVersion, await startSession(user.id));
});
afterAll(async () => database?.stop());

describe("route wrapper", () => {
  test("success passes parsed params, query and body and names the actor", async () => {
    const response = await call({ headers: bearer(adminToken) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ echoed: "7:ok", by: "token:admin" });
  });

  test("401 without credentials, 403 for a role without the permission", async () => {
    await expectEnvelope(await call(), 401, "unauthenticated");
    await expectEnvelope(await call({ headers: bearer(viewerToken) }), 403, "forbidden");
  });

  test("400 for bad path or query values and for malformed JSON or content type", async () => {
    await expectEnvelope(await call({ id: "abc", headers: bearer(adminToken) }), 400, "invalid_request");
    await expectEnvelope(await call({ mode: "nonsense", headers: bearer(adminToken) }), 400, "invalid_request");
    await expectEnvelope(await call({ body: "{not json", headers: bearer(adminToken) }), 400, "invalid_request");
    await expectEnvelope(
      await call({ contentType: "text/plain", headers: bearer(adminToken) }),
      400,
      "invalid_request",
    );
  });

  test("422 for a body that fails the schema, with the failing field", async () => {
    const error = await expectEnvelope(
      await call({ body: '{"name":"x","extra":1}', headers: bearer(adminToken) }),
      422,
      "validation_failed",
    );
    expect(JSON.stringify(error.details)).toContain("body");
  });

  test("404 and 409 from the handler keep their user messages", async () => {
    expect(
      (await expectEnvelope(await call({ mode: "notfound", headers: bearer(adminToken) }), 404, "not_found")).message,
    ).toBe("No such thing.");
    await expectEnvelope(await call({ mode: "conflict", headers: bearer(adminToken) }), 409, "conflict");
  });

  test("unknown errors are a plain 500 that leaks nothing", async () => {
    const error = await expectEnvelope(
      await call({ mode: "boom", headers: bearer(adminToken) }),
      500,
      "internal_error",
    );
    expect(error.message).not.toContain("SELECT");
  });

  test("upstream errors map by kind: 429 with Retry-After, 504, 502, never the internal detail", async () => {
    const limited = await call({ mode: "ratelimited", headers: bearer(adminToken) });
    expect(limited.headers.get("retry-after")).toBe("13");
    expect((await expectEnvelope(limited, 429, "rate_limited")).message).toContain("budget");
    await expectEnvelope(await call({ mode: "timeout", headers: bearer(adminToken) }), 504, "upstream_failed");
    const device = await expectEnvelope(
      await call({ mode: "device", headers: bearer(adminToken) }),
      502,
      "upstream_failed",
    );
    expect(device.message).not.toContain("<xml>");
  });

  test("issue 15 #2: an oversized body is refused by its Content-Length unread, and a chunked one stops at the limit", async () => {
    await expectEnvelope(
      await call({ headers: { ...bearer(adminToken), "content-length": String(300 * 1024 * 1024) } }),
      413,
      "invalid_request",
    );
    // A chunked body that would never end: the wrapper must stop pulling once past 256 KiB.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const request = new NextRequest("http://127.0.0.1:3000/api/v1/probe/7", {
      method: "POST",
      headers: { ...bearer(adminToken), "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as never);
    await expectEnvelope(await handler(request, { params: Promise.resolve({ id: "7" }) }), 413, "invalid_request");
    expect(pulled).toBeLessThanOrEqual(512 * 1024);
  });

  test("handlers may return a Response (CSV) and still get a request id", async () => {
    const response = await call({ mode: "csv", headers: bearer(adminToken) });
    expect(await response.text()).toBe("a,b\r\n");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  test("session cookie: same-origin writes pass, cross-origin and Origin: null are refused", async () => {
    const ok = await call({ headers: { cookie, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).by).toBe("web@example.com");
    await expectEnvelope(
      await call({ headers: { cookie, origin: "https://evil.example", host: "127.0.0.1:3000" } }),
      403,
      "forbidden",
    );
    await expectEnvelope(await call({ headers: { cookie, origin: "null", host: "127.0.0.1:3000" } }), 403, "forbidden");
    await expectEnvelope(await call({ headers: { cookie, host: "127.0.0.1:3000" } }), 403, "forbidden");
  });

  test("same-origin: X-Forwarded-Host from an untrusted peer is ignored, and the scheme must match the public URL", async () => {
    await expectEnvelope(
      await call({
        headers: { cookie, origin: "https://evil.example", host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
      }),
      403,
      "forbidden",
    );
    const saved = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "https://127.0.0.1:3000";
    resetEnvForTests();
    // Over https next-auth names the cookie with the __Secure- prefix.
    const secure = `__Secure-${cookie}`;
    try {
      await expectEnvelope(
        await call({ headers: { cookie: secure, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" } }),
        403,
        "forbidden",
      );
      expect(
        (await call({ headers: { cookie: secure, origin: "https://127.0.0.1:3000", host: "127.0.0.1:3000" } })).status,
      ).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
      resetEnvForTests();
    }
  });

  test("issue 15 #6: a signed-out session, an idle one, or a cookie without a session id is refused", async () => {
    const write = (c: string) =>
      call({ headers: { cookie: c, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" } });
    const sv = (await getUser(userId))!.sessionVersion;
    // Signed out (next-auth's signOut event ends the row): the same cookie replayed is dead.
    const signedOut = await sessionCookie(userId, sv, await startSession(userId));
    expect((await write(signedOut)).status).toBe(200);
    await endSession(
      /* the id inside */ (await db().userSession.findFirst({
        where: { userId, endedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      }))!.id,
    );
    await expectEnvelope(await write(signedOut), 401, "unauthenticated");
    // Idle past the timeout: the clock is the row's last-seen time, set in the past.
    const started = new Date(Date.now() - env().sessionIdleMs - 1_000);
    const idle = await sessionCookie(userId, sv, await startSession(userId, started));
    await expectEnvelope(await write(idle), 401, "unauthenticated");
    // A cookie minted before sessions had ids (or forged without one) names no session.
    await expectEnvelope(await write(await sessionCookie(userId, sv)), 401, "unauthenticated");
  });

  test("a live session's last-seen time moves at most once a minute", async () => {
    const sid = await startSession(userId, new Date(Date.now() - 30_000));
    const before = (await db().userSession.findUnique({ where: { id: sid } }))!.lastSeenAt;
    expect(await touchSession(sid, userId, env().sessionIdleMs, new Date(before.getTime() + 30_000))).toBe(true);
    expect((await db().userSession.findUnique({ where: { id: sid } }))!.lastSeenAt).toEqual(before);
    expect(await touchSession(sid, userId, env().sessionIdleMs, new Date(before.getTime() + 61_000))).toBe(true);
    expect((await db().userSession.findUnique({ where: { id: sid } }))!.lastSeenAt.getTime()).toBe(
      before.getTime() + 61_000,
    );
    expect(await touchSession(sid, "someone-else", env().sessionIdleMs)).toBe(false);
  });

  test("a disabled user's session stops at the next request", async () => {
    await createUser(
      { email: "other-admin@example.com", name: "Other", role: "admin", password: "another long password" },
      { actor: "test" },
    );
    await updateUser(userId, { disabled: true }, { actor: "test" });
    await expectEnvelope(
      await call({ headers: { cookie, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" } }),
      401,
      "unauthenticated",
    );
  });
});
