// The organisation's not-seen threshold (issue 19): 30 days until an admin chooses, 1 to 365 whole
// days, audited with the value before and after; viewers read it but may not change it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { getNotSeenDays } from "@/lib/db/org-settings";
import { GET as getSetting, PUT as putSetting } from "@/app/api/v1/settings/not-seen-days/route";

let database: TestDatabase;
let admin: string;
let viewer: string;
const none = { params: Promise.resolve({}) };
const call = (token: string, init: { method?: string; body?: unknown } = {}) =>
  new NextRequest("http://127.0.0.1/api/v1/settings/not-seen-days", {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
const put = (token: string, body: unknown) => putSetting(call(token, { method: "PUT", body }), none);
const read = async () => (await getSetting(call(viewer), none)).json();
const audits = () => db().auditEvent.findMany({ where: { action: "settings.not-seen-days" }, orderBy: { at: "asc" } });

beforeAll(async () => {
  database = await startTestDatabase();
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  viewer = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
});

afterAll(async () => {
  await database?.stop();
});

describe("not-seen days", () => {
  test("unset: 30 days", async () => {
    expect(await read()).toEqual({ days: 30, defaultDays: 30 });
  });

  test("an admin sets it, audited from and to; the poller reads the same number", async () => {
    const saved = await put(admin, { days: 14 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ days: 14, defaultDays: 30 });
    expect(await read()).toEqual({ days: 14, defaultDays: 30 });
    expect(await getNotSeenDays()).toBe(14);
    await put(admin, { days: 365 });
    const rows = await audits();
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual([
      { from: 30, to: 14 },
      { from: 14, to: 365 },
    ]);
    expect(rows[0]).toMatchObject({ actor: expect.stringContaining("admin"), outcome: "success" });
  });

  test("a viewer may not change it; a value out of range or not whole is 422 with nothing changed", async () => {
    const before = (await audits()).length;
    const denied = await put(viewer, { days: 7 });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe("forbidden");
    for (const days of [0, 366, 2.5, "7", null]) {
      const bad = await put(admin, { days });
      expect(bad.status, String(days)).toBe(422);
      expect((await bad.json()).error.code).toBe("validation_failed");
    }
    expect(await read()).toEqual({ days: 365, defaultDays: 30 });
    expect(await audits()).toHaveLength(before);
  });
});
