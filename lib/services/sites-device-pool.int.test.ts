// Device pool and location site rules end to end: saved through the real route handler, worked out
// by the recompute over real Device rows, they beat a subnet rule listed before them.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { deviceRow, healthRow, seedInventory, sourceRow } from "@/lib/testing/seed-inventory";
import { recomputeIdentities } from "@/lib/inventory/effective/recompute";
import { GET as getSettings, PUT as putSettings } from "@/app/api/v1/sites/settings/route";

let database: TestDatabase;
let admin: string;
const ctx = { params: Promise.resolve({}) };
const req = (token: string, init: { method?: string; body?: unknown } = {}) =>
  new NextRequest("http://127.0.0.1/api/v1/sites/settings", {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
const siteOf = async (name: string) =>
  (await db().device.findFirstOrThrow({ where: { name }, select: { site: true } })).site;

beforeAll(async () => {
  database = await startTestDatabase();
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  const cluster = sourceRow({ name: "cucm-east", kind: "cucm", site: "East" });
  await seedInventory({
    sources: [cluster],
    health: [healthRow(cluster.id!)],
    devices: [
      // Pools and locations as the configured inventory (AXL) writes them.
      deviceRow(cluster.id!, { name: "SEP0000000000A1", ipAddress: "10.2.0.11", devicePool: "BR-LEEDS" }),
      deviceRow(cluster.id!, { name: "SEP0000000000A2", ipAddress: "10.2.0.12", location: "York-LOC" }),
      deviceRow(cluster.id!, { name: "SEP0000000000A3", ipAddress: "10.2.0.13" }),
    ],
  });
});
afterAll(async () => database?.stop());

describe("device pool and location rules", () => {
  test("a cluster device in device pool BR-LEEDS is in Leeds though a subnet rule listed first says otherwise", async () => {
    const body = {
      rules: [
        { kind: "subnet", pattern: "10.2.0.0/24", site: "East office" },
        { kind: "device-pool", pattern: "br-leeds", site: "Leeds" },
        { kind: "location", pattern: "YORK-*", site: "York" },
      ],
      outage: { share: 0.3, minPhones: 5 },
    };
    const response = await putSettings(req(admin, { method: "PUT", body }), ctx);
    expect(response.status, await response.clone().text()).toBe(200);
    await vi.waitFor(
      async () => expect((await (await getSettings(req(admin), ctx)).json()).recompute.status).toBe("done"),
      { timeout: 30_000, interval: 50 },
    );
    expect(await siteOf("SEP0000000000A1")).toBe("Leeds");
    expect(await siteOf("SEP0000000000A2")).toBe("York");
    // No device pool or location: the subnet rule places it.
    expect(await siteOf("SEP0000000000A3")).toBe("East office");
  });

  test("after a poll, a device whose pool the configured inventory cleared falls back to the subnet rule", async () => {
    const device = await db().device.update({
      where: { sourceId_name: { sourceId: (await db().source.findFirstOrThrow()).id, name: "SEP0000000000A1" } },
      data: { devicePool: "" },
      select: { identity: true },
    });
    await recomputeIdentities([device.identity], new Date());
    expect(await siteOf("SEP0000000000A1")).toBe("East office");
  });

  test("a * anywhere but the end is a 422 naming the rule, and the saved rules stay", async () => {
    const response = await putSettings(
      req(admin, {
        method: "PUT",
        body: {
          rules: [{ kind: "device-pool", pattern: "BR-*-VOICE", site: "X" }],
          outage: { share: 0.3, minPhones: 5 },
        },
      }),
      ctx,
    );
    expect(response.status).toBe(422);
    const { message } = (await response.json()).error;
    expect(message).toContain("rules.0.pattern");
    expect(message).toContain("Use * only at the end");
    expect((await (await getSettings(req(admin), ctx)).json()).rules).toHaveLength(3);
  });
});
