// Issue 15 #4: every heavy route has a limit, and "poll now" clicked 10 times polls once.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { createSource } from "@/lib/db/sources";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { POST as pollNow } from "@/app/api/v1/sources/[id]/poll/route";
import { GET as listAudit } from "@/app/api/v1/audit/route";
import { installRouteLimiter, limitOf, RouteLimiter } from "./limits";
import { allContracts } from "./contracts";

/** What is expensive: a full export, or anything that sends requests to a router or cluster. */
const heavy = [
  "GET /phones",
  "GET /extensions",
  "GET /cti-apps",
  "GET /audit",
  "POST /sources/{id}/poll",
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
    for (let i = 0; i < 8; i++) csv.push((await get("csv")).status);
    expect(csv.filter((s) => s === 429).length).toBe(2);
    for (let i = 0; i < 8; i++) expect((await get("json")).status).toBe(200);
  });
});
