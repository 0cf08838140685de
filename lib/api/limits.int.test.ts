// Issue 15 #4: every heavy route has a limit, and "poll now" clicked 10 times polls once.
// Issue 16: a caller has at most a few exports in flight; a slot frees when its body is complete.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { createSource } from "@/lib/db/sources";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { POST as pollNow } from "@/app/api/v1/sources/[id]/poll/route";
import { GET as listAudit } from "@/app/api/v1/audit/route";
import { GET as listPhones } from "@/app/api/v1/phones/route";
import { GET as listExtensions } from "@/app/api/v1/extensions/route";
import { GET as listCtiApps } from "@/app/api/v1/cti-apps/route";
import { listAudit as listAuditContract } from "@/lib/api/contracts/audit";
import { csvExport, csvResponse } from "./csv";
import { inFlightLimits, installRouteLimiter, limitOf, RouteLimiter } from "./limits";
import { allContracts } from "./contracts";
import { route } from "./route";
import { principalFromRequest } from "@/lib/auth/session";

/** What is expensive: a full export, or anything that sends requests to a router or cluster. */
const heavy = [
  "GET /phones",
  "GET /extensions",
  "GET /cti-apps",
  "GET /audit",
  "POST /phone-lookup",
  "POST /sources/{id}/poll",
  "POST /sources/{id}/configured/read",
  "POST /phones/{name}/refresh",
  "POST /sources/{id}/test",
  "POST /sources/test",
  "POST /alert-channels/{id}/test",
  "GET /sources/{id}/key-phones",
  "GET /sources/{id}/cme-users/{userId}",
];

describe("route limits", () => {
  test("every heavy route, and every route that exports CSV, has a limit", () => {
    const all = allContracts;
    const exporting = all.filter((c) => c.alsoProduces?.includes("text/csv")).map((c) => `${c.method} ${c.path}`);
    const known = new Set(all.map((c) => `${c.method} ${c.path}`));
    for (const route of [...heavy, ...exporting]) {
      expect(known.has(route), `${route} is a real route`).toBe(true);
      const [method, path] = route.split(" ") as ["GET", string];
      expect(limitOf({ method, path }), route).toBeDefined();
    }
  });
});

describe("limits in the route wrapper (fake clock)", () => {
  let database: TestDatabase;
  let router: CmeSimulator;
  let helpdesk: string;
  let admin: string;
  let sourceId: string;
  let clock = 1_000_000;
  beforeAll(async () => {
    database = await startTestDatabase();
    forgetKeyForTests();
    router = await startCmeSimulator({
      dialect: "2010",
      xmlUser: "cisco",
      xmlPassword: "cisco",
      fleet: { seed: 3, ephones: 4, pools: 1 },
    });
    sourceId = (
      await createSource(
        { kind: "cme", name: "limited", site: "HQ", urls: [router.url], username: "cisco", password: "cisco" },
        { actor: "test" },
      )
    ).id;
    helpdesk = (await createToken({ name: "helpdesk", role: "helpdesk" }, { actor: "test" })).token;
    admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
    installRouteLimiter(new RouteLimiter(() => clock));
  });
  afterAll(async () => {
    installRouteLimiter(undefined);
    await router?.close();
    await database?.stop();
  });

  test("poll now clicked 10 times in a row polls once; after the interval it may poll again", async () => {
    const click = () =>
      pollNow(
        new NextRequest(`http://127.0.0.1:3000/api/v1/sources/${sourceId}/poll`, {
          method: "POST",
          headers: { authorization: `Bearer ${helpdesk}` },
        }),
        { params: Promise.resolve({ id: sourceId }) },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await click()).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    const refused = await click();
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("rate_limited");
    clock += 10_001;
    expect((await click()).status).toBe(200);
  });

  test("CSV exports are limited per caller; JSON pages are not", async () => {
    const get = (format: string) =>
      listAudit(
        new NextRequest(`http://127.0.0.1:3000/api/v1/audit?format=${format}`, {
          headers: { authorization: `Bearer ${admin}` },
        }),
        { params: Promise.resolve({}) },
      );
    const csv: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await get("csv");
      csv.push(response.status);
      // Read to the end: an export holds one of the caller's in-flight slots until then.
      await response.text();
    }
    expect(csv.filter((s) => s === 429).length).toBe(2);
    for (let i = 0; i < 8; i++) expect((await get("json")).status).toBe(200);
  });
});

describe("exports in flight per caller (issue 16)", () => {
  type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
  let database: TestDatabase;
  let alice: string;
  let bob: string;
  let limiter: RouteLimiter;
  let clock = 5_000_000;
  const max = inFlightLimits.export.max;

  const exportOf = (handler: Handler, path: string, token: string) =>
    handler(
      new NextRequest(`http://127.0.0.1:3000/api/v1${path}?format=csv`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({}) },
    );
  const principalOf = async (token: string) => {
    // The limiter keys slots by principal, as the wrapper names it.
    const { principal } = await principalFromRequest(
      new NextRequest("http://127.0.0.1:3000/", { headers: { authorization: `Bearer ${token}` } }),
    );
    return `${principal!.kind}:${principal!.id}`;
  };

  beforeAll(async () => {
    database = await startTestDatabase();
    alice = (await createToken({ name: "alice", role: "admin" }, { actor: "test" })).token;
    bob = (await createToken({ name: "bob", role: "admin" }, { actor: "test" })).token;
  });
  beforeEach(() => {
    // A fresh limiter per test, the rate window long past: only in-flight slots refuse here.
    clock += 3_600_000;
    limiter = new RouteLimiter(() => clock);
    installRouteLimiter(limiter);
  });
  afterAll(async () => {
    installRouteLimiter(undefined);
    await database?.stop();
  });

  test("the third export in flight is refused with 429, Retry-After and the envelope; another caller's export runs", async () => {
    // Held open: a body nobody reads is an export still being downloaded.
    const held = [await exportOf(listPhones, "/phones", alice), await exportOf(listAudit, "/audit", alice)];
    expect(held.map((r) => r.status)).toEqual([200, 200]);
    expect(max).toBe(2);

    const refused = await exportOf(listExtensions, "/extensions", alice);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body.error).toMatchObject({
      code: "rate_limited",
      message: "You already have 2 exports running: wait for one to finish.",
    });
    expect(body.error.requestId).toBe(refused.headers.get("x-request-id"));

    const other = await exportOf(listCtiApps, "/cti-apps", bob);
    expect(other.status).toBe(200);
    expect(await other.text()).toMatch(/^appId,user,/);
    // JSON pages need no slot: alice may still browse.
    const page = await listAudit(
      new NextRequest("http://127.0.0.1:3000/api/v1/audit", { headers: { authorization: `Bearer ${alice}` } }),
      { params: Promise.resolve({}) },
    );
    expect(page.status).toBe(200);
    for (const r of held) await r.body?.cancel();
  });

  test("a finished export frees its slot: the next one runs", async () => {
    const first = await exportOf(listAudit, "/audit", alice);
    const second = await exportOf(listAudit, "/audit", alice);
    expect((await exportOf(listAudit, "/audit", alice)).status).toBe(429);
    const caller = await principalOf(alice);
    expect(limiter.held(caller, "export")).toBe(2);
    // Not yet complete: the body was not read. Reading it to the end completes the response.
    expect(await first.text()).toMatch(/^at,actor,action/);
    expect(limiter.held(caller, "export")).toBe(1);
    const next = await exportOf(listAudit, "/audit", alice);
    expect(next.status).toBe(200);
    await Promise.all([second.text(), next.text()]);
    expect(limiter.held(caller, "export")).toBe(0);
  });

  test("a cancelled export frees its slot", async () => {
    const caller = await principalOf(alice);
    const downloads = [await exportOf(listPhones, "/phones", alice), await exportOf(listPhones, "/phones", alice)];
    expect((await exportOf(listPhones, "/phones", alice)).status).toBe(429);
    // The client went away: the server cancels the body.
    await downloads[0]!.body!.cancel();
    expect(limiter.held(caller, "export")).toBe(1);
    expect((await exportOf(listPhones, "/phones", alice)).status).toBe(200);
    // A reader that takes part of the body and then cancels frees it too.
    const reader = downloads[1]!.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expect(limiter.held(caller, "export")).toBe(1);
  });

  test("an export that fails while streaming, or before its body, frees its slot", async () => {
    // The real wrapper on the audit export's route, with a body whose second window fails
    // (the database going away mid-export), and a handler that fails before any body.
    let mode: "stream" | "handler" = "stream";
    const failing = route(listAuditContract, async () => {
      if (mode === "handler") throw new Error("the database is locked");
      return csvResponse(
        csvExport({
          header: ["n"],
          window: async (after: { n: number } | undefined) => {
            if (after) throw new Error("the database went away");
            return [{ n: 1 }];
          },
          values: (r) => [r.n],
          batchSize: 1,
        }),
        "x.csv",
      );
    });
    const caller = await principalOf(alice);
    const broken = await exportOf(failing as Handler, "/audit", alice);
    expect(broken.status).toBe(200);
    expect(limiter.held(caller, "export")).toBe(1);
    await expect(broken.text()).rejects.toThrow();
    expect(limiter.held(caller, "export")).toBe(0);

    mode = "handler";
    const failed = await exportOf(failing as Handler, "/audit", alice);
    expect(failed.status).toBe(500);
    expect((await failed.json()).error.code).toBe("internal_error");
    expect(limiter.held(caller, "export")).toBe(0);

    const open = [await exportOf(listAudit, "/audit", alice), await exportOf(listAudit, "/audit", alice)];
    expect(open.map((r) => r.status)).toEqual([200, 200]);
    for (const r of open) await r.body?.cancel();
  });

  test("many exports started at once: exactly the limit run, the rest are refused, and all slots come back", async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => exportOf(listAudit, "/audit", bob)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - max);
    await Promise.all(responses.map((r) => r.text()));
    expect(limiter.held(await principalOf(bob), "export")).toBe(0);
  });
});
