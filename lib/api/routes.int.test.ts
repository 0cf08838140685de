// Every /api/v1 route, found on disk: it has a contract, answers 401 with the envelope without
// credentials, and refuses a viewer token on every write with 403.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { allContracts } from "./contracts";
import { apiRouteFiles, publicApiPaths } from "./route-files";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const methods = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

let database: TestDatabase;
let viewerToken: string;
const routes: { method: string; path: string; handler: Handler }[] = [];

beforeAll(async () => {
  database = await startTestDatabase();
  viewerToken = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  for (const file of apiRouteFiles()) {
    const mod = (await import(/* @vite-ignore */ file.file)) as Record<string, unknown>;
    for (const method of methods)
      if (typeof mod[method] === "function") routes.push({ method, path: file.path, handler: mod[method] as Handler });
  }
});
afterAll(async () => database?.stop());

/** Routes that every role may call need a valid body to reach their own refusal of tokens. */
const validBodies: Record<string, unknown> = {
  "POST /me/password": { currentPassword: "whatever", newPassword: "a long enough new password" },
};

function call(route: (typeof routes)[number], headers: Record<string, string> = {}) {
  const url = `http://127.0.0.1/api/v1${route.path.replace(/\{(\w+)\}/g, "x1")}`;
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, "x1"]));
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  const request = new NextRequest(url, {
    method: route.method,
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...headers },
    body: hasBody ? JSON.stringify(validBodies[`${route.method} ${route.path}`] ?? {}) : undefined,
  });
  return route.handler(request, { params: Promise.resolve(params) });
}

describe("API routes", () => {
  test("the route files and the contracts match one for one", () => {
    const served = routes
      .filter((r) => !publicApiPaths.has(r.path))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const described = allContracts.map((c) => `${c.method} ${c.path}`).sort();
    expect(served.length).toBeGreaterThan(8);
    expect(served).toEqual(described);
  });

  test("every non-public route answers 401 with the envelope without credentials", async () => {
    for (const route of routes.filter((r) => !publicApiPaths.has(r.path))) {
      const response = await call(route);
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      const body = await response.json();
      expect(body, `${route.method} ${route.path}`).toMatchObject({
        error: { code: "unauthenticated", message: expect.any(String) },
      });
    }
  });

  test("an unknown or malformed token is 401 too", async () => {
    const me = routes.find((r) => r.path === "/me")!;
    expect((await call(me, { authorization: "Bearer lw_nope" })).status).toBe(401);
    expect((await call(me, { authorization: "Basic abc" })).status).toBe(401);
  });

  test("a viewer token gets 403 on every write", async () => {
    // A POST that only reads (the pasted-list lookup) is a viewer's like any GET.
    const readsOnly = (r: (typeof routes)[number]) =>
      allContracts.find((c) => c.method === r.method && c.path === r.path)?.permission === "viewInventory";
    const writes = routes.filter((r) => r.method !== "GET" && !readsOnly(r) && !publicApiPaths.has(r.path));
    for (const route of writes) {
      const response = await call(route, { authorization: `Bearer ${viewerToken}` });
      const key = `${route.method} ${route.path}`;
      // Self-service writes (own password) pass the role check but refuse tokens: 403 all the same.
      expect(response.status, key).toBe(403);
      expect(await response.json(), key).toMatchObject({ error: { code: "forbidden" } });
    }
  });

  test("the public OpenAPI route answers without credentials", async () => {
    const openapi = routes.find((r) => r.path === "/openapi.json")!;
    const response = await call(openapi);
    expect(response.status).toBe(200);
    expect((await response.json()).openapi).toBe("3.1.0");
  });
});
