// The organisation's time zone for trends and availability: LINEWATCH_TIME_ZONE until an admin
// chooses, an admin's choice (a zone, or each viewer's own) after, audited; viewers may read it but
// not change it; the overview and the availability report follow it over the viewer's zone.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { GET as getSetting, PUT as putSetting } from "@/app/api/v1/settings/time-zone/route";
import { GET as getOverviewRoute } from "@/app/api/v1/overview/route";
import { forgetKeptAnswersForTests } from "@/lib/api/shared-reads";
import { GET as getAvailabilityRoute } from "@/app/api/v1/availability/route";

let database: TestDatabase;
let admin: string;
let viewer: string;
const none = { params: Promise.resolve({}) };
const call = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
  new NextRequest(`http://127.0.0.1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
const put = (token: string, body: unknown) =>
  putSetting(call("/api/v1/settings/time-zone", token, { method: "PUT", body }), none);
const read = async () => (await getSetting(call("/api/v1/settings/time-zone", viewer), none)).json();

beforeAll(async () => {
  database = await startTestDatabase();
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  viewer = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
});

afterEach(() => {
  delete process.env.LINEWATCH_TIME_ZONE;
  resetEnvForTests();
});

afterAll(async () => {
  await database?.stop();
});

describe("organisation time zone", () => {
  test("unset: each viewer's own; LINEWATCH_TIME_ZONE is the default until an admin chooses", async () => {
    expect(await read()).toEqual({ timeZone: null, origin: "default" });
    const overview = await (await getOverviewRoute(call("/api/v1/overview?tz=Asia/Kolkata", viewer), none)).json();
    expect(overview.trend.timeZone).toBe("Asia/Kolkata");

    process.env.LINEWATCH_TIME_ZONE = "America/Chicago";
    resetEnvForTests();
    // The overview keeps its answer for a second; the environment changes only with a restart.
    forgetKeptAnswersForTests();
    expect(await read()).toEqual({ timeZone: "America/Chicago", origin: "environment" });
    const fixed = await (await getOverviewRoute(call("/api/v1/overview?tz=Asia/Kolkata", viewer), none)).json();
    expect(fixed.trend.timeZone).toBe("America/Chicago");
  });

  test("an admin's zone wins over the viewer's and the environment's, for trends and availability, audited", async () => {
    process.env.LINEWATCH_TIME_ZONE = "America/Chicago";
    resetEnvForTests();
    const saved = await put(admin, { timeZone: "Asia/Tokyo" });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ timeZone: "Asia/Tokyo", origin: "setting" });
    expect(await read()).toEqual({ timeZone: "Asia/Tokyo", origin: "setting" });

    const overview = await (await getOverviewRoute(call("/api/v1/overview?tz=Europe/Berlin", viewer), none)).json();
    expect(overview.trend.timeZone).toBe("Asia/Tokyo");
    const report = await (
      await getAvailabilityRoute(call("/api/v1/availability?month=2030-01&tz=Europe/Berlin", viewer), none)
    ).json();
    expect(report.timeZone).toBe("Asia/Tokyo");
    // The month starts at Tokyo's midnight: 15:00 UTC the day before.
    expect(report.from).toBe("2029-12-31T15:00:00.000Z");

    const audit = await db().auditEvent.findFirst({ where: { action: "settings.time-zone" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ actor: expect.stringContaining("admin"), outcome: "success" });
    expect(JSON.parse(audit!.detail)).toEqual({ from: "America/Chicago", to: "Asia/Tokyo" });
  });

  test("an admin can give it back to each viewer, over LINEWATCH_TIME_ZONE", async () => {
    process.env.LINEWATCH_TIME_ZONE = "America/Chicago";
    resetEnvForTests();
    expect((await put(admin, { timeZone: null })).status).toBe(200);
    expect(await read()).toEqual({ timeZone: null, origin: "setting" });
    const overview = await (await getOverviewRoute(call("/api/v1/overview?tz=Europe/Berlin", viewer), none)).json();
    expect(overview.trend.timeZone).toBe("Europe/Berlin");
  });

  test("a zone typed in another case is stored as the runtime names it", async () => {
    expect(await (await put(admin, { timeZone: "asia/tokyo" })).json()).toEqual({
      timeZone: "Asia/Tokyo",
      origin: "setting",
    });
  });

  test("a viewer cannot change it, and an unknown zone is refused with nothing changed", async () => {
    await put(admin, { timeZone: "Europe/Paris" });
    const denied = await put(viewer, { timeZone: "UTC" });
    expect(denied.status).toBe(403);
    const bad = await put(admin, { timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.error.code).toBe("validation_failed");
    expect(JSON.stringify(body.error)).toContain("IANA time zone");
    expect(await read()).toEqual({ timeZone: "Europe/Paris", origin: "setting" });
  });
});
