// Site rules and outage thresholds through the real route handlers: saving re-sites the devices,
// a bad subnet is a 422 naming the rule and stores nothing, viewers may read but not change.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { seedFleetFixture } from "@/lib/testing/seed-inventory";
import { GET as getSettings, PUT as putSettings } from "@/app/api/v1/sites/settings/route";
import { GET as getEvents } from "@/app/api/v1/site-events/route";
import { GET as getDemo } from "@/app/api/v1/demo/route";
import { POST as postWan } from "@/app/api/v1/demo/branch-wan/route";

let database: TestDatabase;
let admin: string;
let viewer: string;
const ctx = { params: Promise.resolve({}) };
const req = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
  new NextRequest(`http://127.0.0.1/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

beforeAll(async () => {
  database = await startTestDatabase();
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  viewer = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  await seedFleetFixture(new Date());
});
afterAll(async () => database?.stop());

describe("site settings", () => {
  test("defaults: no rules, 30 % and at least 5 phones", async () => {
    const response = await getSettings(req("/sites/settings", viewer), ctx);
    expect(await response.json()).toEqual({ rules: [], outage: { share: 0.3, minPhones: 5 }, recompute: null });
  });

  test("saving rules returns at once; the devices are re-sited in the background, with progress to follow, and it is audited", async () => {
    const body = {
      rules: [{ kind: "subnet", pattern: "10.2.0.0/24", site: "East office" }],
      outage: { share: 0.5, minPhones: 3 },
    };
    const response = await putSettings(req("/sites/settings", admin, { method: "PUT", body }), ctx);
    expect(response.status, await response.clone().text()).toBe(200);
    const saved = await response.json();
    expect(saved).toMatchObject({ ...body, recompute: { kind: "recompute-sites", error: null } });
    expect(["pending", "running", "done"]).toContain(saved.recompute.status);
    // Followed the way the sites page follows it: GET /sites/settings until the recompute is done.
    const finished = await vi.waitFor(
      async () => {
        const { recompute } = await (await getSettings(req("/sites/settings", viewer), ctx)).json();
        expect(recompute.status).toBe("done");
        return recompute;
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(finished.id).toBe(saved.recompute.id);
    expect(finished.result.devicesMoved).toBeGreaterThan(0);
    expect(finished.progress).toEqual({ done: finished.result.devices, total: finished.result.devices });
    // The cluster's phones on 10.2.0.x now belong to "East office": the lobby phone too, as its
    // cluster record (10.2.0.5) represents it and an admin's rule beats the router's site.
    expect(
      (await db().device.findMany({ where: { site: "East office", listing: "shown" }, select: { name: true } }))
        .map((d) => d.name)
        .sort(),
    ).toEqual(["CTIPORT1", "SEP000DBC80EB51", "SEPB0B0B0B0B0B0", "SEPC0C0C0C0C0C0", "SEPD0D0D0D0D0D0"]);
    expect(await db().device.count({ where: { name: "SEP000DBC80EB51", site: "East office" } })).toBe(2);
    expect(await db().device.count({ where: { site: "HQ", listing: "shown" } })).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "sites.update" } })).toBe(1);
  });

  test("a bad subnet is a 422 naming the rule, and nothing changes", async () => {
    const response = await putSettings(
      req("/sites/settings", admin, {
        method: "PUT",
        body: { rules: [{ kind: "subnet", pattern: "10.2.0.0", site: "X" }], outage: { share: 0.3, minPhones: 5 } },
      }),
      ctx,
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toContain("rules.0.pattern");
    expect((await (await getSettings(req("/sites/settings", viewer), ctx)).json()).rules).toHaveLength(1);
  });

  test("viewers may read but not save; without the demo fleet the WAN switch is a 409", async () => {
    expect(
      (
        await putSettings(
          req("/sites/settings", viewer, { method: "PUT", body: { rules: [], outage: { share: 0.3, minPhones: 5 } } }),
          ctx,
        )
      ).status,
    ).toBe(403);
    expect(await (await getDemo(req("/demo", viewer), ctx)).json()).toEqual({ running: false, branch: null });
    expect((await postWan(req("/demo/branch-wan", admin, { method: "POST", body: { wan: "cut" } }), ctx)).status).toBe(
      409,
    );
    expect((await postWan(req("/demo/branch-wan", viewer, { method: "POST", body: { wan: "cut" } }), ctx)).status).toBe(
      403,
    );
    expect(await (await getEvents(req("/site-events?days=7", viewer), ctx)).json()).toEqual({ items: [] });
  });
});
