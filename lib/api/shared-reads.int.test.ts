// Shared reads through the route wrapper (issue #16): identical requests in flight at once run the
// handler once and all get its answer; other queries, streams, failures and writes behave as a
// reader would expect. A real database behind token authentication.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { z } from "zod";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { AppError } from "@/lib/errors";
import { defineContract } from "./contract";
import { route } from "./route";
import { forgetKeptAnswersForTests, setSharedReadClockForTests, sharedReadsInFlight } from "./shared-reads";

let database: TestDatabase;
let viewer: string;
let admin: string;

const sharedList = defineContract({
  method: "GET",
  path: "/shared-probe",
  summary: "test",
  tag: "Test",
  permission: "viewInventory",
  shared: true,
  query: z.object({ page: z.coerce.number().default(1), mode: z.enum(["json", "csv", "fail"]).default("json") }),
  response: z.object({ page: z.number(), read: z.number() }),
});
const keptList = defineContract({ ...sharedList, path: "/kept-probe", reuseMs: 1_000 });
const write = defineContract({
  method: "POST",
  path: "/shared-probe",
  summary: "test",
  tag: "Test",
  permission: "viewInventory",
  response: z.object({}),
});

/** Each read waits until the test opens the gate, so requests provably overlap. */
let reads = 0;
let gate: { open(): void; opened: Promise<void> };
const newGate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  gate = { open, opened };
};

const list = route(sharedList, async ({ query }) => {
  const read = ++reads;
  await gate.opened;
  if (query.mode === "fail") throw new AppError("not_found", "Nothing here.");
  if (query.mode === "csv") return new Response(`read,${read}\r\n`, { headers: { "content-type": "text/csv" } });
  return { page: query.page, read };
});
const post = route(write, async () => ({}));
const keptRoute = route(keptList, async ({ query }) => {
  const read = ++reads;
  await gate.opened;
  if (query.mode === "fail") throw new AppError("not_found", "Nothing here.");
  return { page: query.page, read };
});
const getKept = (query: string, token = viewer) =>
  keptRoute(new NextRequest(`http://127.0.0.1:3000/api/v1/kept-probe?${query}`, { headers: bearer(token) }), ctx);
const writeNow = () =>
  post(new NextRequest("http://127.0.0.1:3000/api/v1/shared-probe", { method: "POST", headers: bearer(viewer) }), ctx);

const ctx = { params: Promise.resolve({}) };
const get = (query: string, token = viewer) =>
  list(new NextRequest(`http://127.0.0.1:3000/api/v1/shared-probe?${query}`, { headers: bearer(token) }), ctx);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Waits until `count` reads started and `requests` requests wait for shared reads (authentication
 * reads the database first), so the gate opens only once every request has joined or started.
 */
async function untilReads(count: number, requests = count) {
  const ready = () => reads >= count && sharedReadsInFlight().requests >= requests;
  for (let i = 0; i < 4000 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(reads).toBe(count);
  expect(sharedReadsInFlight().requests).toBe(requests);
}

beforeAll(async () => {
  database = await startTestDatabase();
  viewer = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
});
afterAll(async () => database?.stop());
beforeEach(() => {
  reads = 0;
  newGate();
});

test("identical requests in flight run one read; another page runs its own", async () => {
  const same = [get("page=1"), get("page=1", admin), get("page=1&mode=json")];
  const other = get("page=2");
  await untilReads(2, 4);
  gate.open();
  const bodies = await Promise.all([...same, other].map(async (r) => ({ body: await (await r).json() })));
  expect(bodies.map((b) => b.body)).toEqual([
    { page: 1, read: bodies[0]?.body.read },
    { page: 1, read: bodies[0]?.body.read },
    { page: 1, read: bodies[0]?.body.read },
    { page: 2, read: expect.any(Number) },
  ]);
  expect(reads).toBe(2);
  expect(sharedReadsInFlight()).toEqual({ reads: 0, requests: 0 });
  // Each caller still gets its own request id.
  const ids = new Set((await Promise.all(same)).map((r) => r.headers.get("x-request-id")));
  expect(ids.size).toBe(3);
});

test("a read that fails fails everyone who joined it, and the next read starts fresh", async () => {
  const failing = [get("mode=fail"), get("mode=fail")];
  await untilReads(1, 2);
  gate.open();
  for (const response of await Promise.all(failing)) expect(response.status).toBe(404);
  expect(reads).toBe(1);
  expect((await (await get("mode=json")).json()).read).toBe(2);
});

test("a stream is not shared: each request reads its own", async () => {
  const csv = [get("mode=csv"), get("mode=csv")];
  await untilReads(1, 2);
  gate.open();
  const texts = await Promise.all((await Promise.all(csv)).map((r) => r.text()));
  expect(texts.sort()).toEqual(["read,1\r\n", "read,2\r\n"]);
});

test("a request after a finished write does not join a read that started before it", async () => {
  const before = get("page=3");
  await untilReads(1);
  const wrote = await post(
    new NextRequest("http://127.0.0.1:3000/api/v1/shared-probe", { method: "POST", headers: bearer(viewer) }),
    ctx,
  );
  expect(wrote.status).toBe(200);
  const after = get("page=3");
  await untilReads(2, 2);
  gate.open();
  const [a, b] = await Promise.all([(await before).json(), (await after).json()]);
  expect([a.read, b.read].sort()).toEqual([1, 2]);
});

describe("an answer kept for reuseMs", () => {
  let now = 0;
  beforeEach(() => {
    now = 10_000;
    setSharedReadClockForTests(() => now);
    forgetKeptAnswersForTests();
    gate.open();
  });
  afterEach(() => setSharedReadClockForTests(null));

  test("serves identical requests after its read until the time is over, with the same bytes", async () => {
    const first = await getKept("page=1");
    const firstBody = await first.text();
    expect(JSON.parse(firstBody)).toEqual({ page: 1, read: 1 });
    now += 999;
    const again = await getKept("page=1", admin);
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get("content-type")).toBe("application/json");
    expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    // Another query is another answer.
    expect(await (await getKept("page=2")).json()).toEqual({ page: 2, read: 2 });
    now += 1;
    expect(await (await getKept("page=1")).json()).toEqual({ page: 1, read: 3 });
    expect(reads).toBe(3);
  });

  test("a write finished since, or a failure, is never served from it", async () => {
    expect((await (await getKept("page=4")).json()).read).toBe(1);
    expect((await writeNow()).status).toBe(200);
    expect((await (await getKept("page=4")).json()).read).toBe(2);

    expect((await getKept("mode=fail")).status).toBe(404);
    expect((await getKept("mode=fail")).status).toBe(404);
    expect(reads).toBe(4);
  });

  test("at most 256 answers are kept: past that, the oldest is read again", async () => {
    for (let page = 1; page <= 257; page++) await getKept(`page=${page}`);
    expect(reads).toBe(257);
    expect((await (await getKept("page=257")).json()).read).toBe(257);
    expect((await (await getKept("page=2")).json()).read).toBe(2);
    expect((await (await getKept("page=1")).json()).read).toBe(258);
  });

  test("every reader's body is the kept answer's own bytes, marked for the compression as never changing", async () => {
    // What scripts/web-compression.mjs installs in the standalone server.
    const key = Symbol.for("linewatch.immutable-bodies");
    const marked = new WeakSet<ArrayBuffer>();
    const global = globalThis as { [key]?: WeakSet<ArrayBuffer> };
    const before = global[key];
    global[key] = marked;
    const chunksOf = async (response: Response) => {
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [];
      for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
      return chunks;
    };
    try {
      const first = await chunksOf(await getKept("page=7"));
      const again = await chunksOf(await getKept("page=7", admin));
      expect(first).toHaveLength(1);
      // One object for both readers: no copy per reader (a Response made from bytes copies them).
      expect(again[0]).toBe(first[0]);
      expect(JSON.parse(new TextDecoder().decode(first[0]))).toEqual({ page: 7, read: 1 });
      expect(marked.has(first[0]!.buffer as ArrayBuffer)).toBe(true);
      expect(first[0]!.byteLength).toBe(first[0]!.buffer.byteLength);
    } finally {
      global[key] = before;
    }
  });

  test("without reuseMs, a read that finished is not served again", async () => {
    expect((await (await get("page=5")).json()).read).toBe(1);
    expect((await (await get("page=5")).json()).read).toBe(2);
  });
});
