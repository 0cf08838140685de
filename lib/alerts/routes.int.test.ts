// /api/v1 alerting routes through the real handlers with Bearer tokens: who may read, acknowledge,
// silence and administer; validation (422); secrets never in a response; audit rows.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { db } from "@/lib/db/client";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { insertPendingAlert } from "@/lib/db/alerts";
import * as alerts from "@/app/api/v1/alerts/route";
import * as ack from "@/app/api/v1/alerts/[id]/acknowledge/route";
import * as marks from "@/app/api/v1/alerts/marks/route";
import * as silences from "@/app/api/v1/silences/route";
import * as silence from "@/app/api/v1/silences/[id]/route";
import * as rules from "@/app/api/v1/alert-rules/route";
import * as rule from "@/app/api/v1/alert-rules/[id]/route";
import * as channels from "@/app/api/v1/alert-channels/route";
import * as channelTest from "@/app/api/v1/alert-channels/[id]/test/route";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let database: TestDatabase;
const tokens: Record<"admin" | "helpdesk" | "viewer", string> = { admin: "", helpdesk: "", viewer: "" };
const responses: string[] = [];

async function call(
  handler: Handler,
  options: { method: string; path: string; token: string; body?: unknown; params?: Record<string, string> },
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.token}`,
    ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const request = new NextRequest(`http://127.0.0.1:3000/api/v1${options.path}`, {
    method: options.method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  responses.push(text);
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  for (const role of ["admin", "helpdesk", "viewer"] as const)
    tokens[role] = (await createToken({ name: role, role }, { actor: "test" })).token;
});
afterAll(async () => {
  await database?.stop();
});

describe("alerting API", () => {
  test("rules and channels are admin work; reading rules is open to viewers", async () => {
    const body = { name: "Outage", kind: "site-outage", severity: "critical" };
    expect(
      (await call(rules.POST, { method: "POST", path: "/alert-rules", token: tokens.helpdesk, body })).status,
    ).toBe(403);
    const created = await call(rules.POST, { method: "POST", path: "/alert-rules", token: tokens.admin, body });
    expect(created.status).toBe(201);
    expect(created.body.record).toMatchObject({ name: "Outage", kind: "site-outage", forSeconds: 0, enabled: true });
    expect(
      (await call(rules.GET, { method: "GET", path: "/alert-rules", token: tokens.viewer })).body.items,
    ).toHaveLength(1);
    const bad = await call(rules.POST, {
      method: "POST",
      path: "/alert-rules",
      token: tokens.admin,
      body: { name: "Drop", kind: "registration-drop", params: { dropPoints: 500 } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/params\.dropPoints/);
    const changed = await call(rule.PUT, {
      method: "PUT",
      path: `/alert-rules/${created.body.record.id}`,
      token: tokens.admin,
      params: { id: created.body.record.id },
      body: { ...body, forSeconds: 60 },
    });
    expect(changed.body.record.forSeconds).toBe(60);

    const channel = {
      kind: "webhook",
      name: "Hook",
      url: "http://127.0.0.1:9/hook?token=s3cr3t-url-token",
      hmacSecret: "hmac-secret-0123456789",
    };
    expect(
      (await call(channels.POST, { method: "POST", path: "/alert-channels", token: tokens.helpdesk, body: channel }))
        .status,
    ).toBe(403);
    expect((await call(channels.GET, { method: "GET", path: "/alert-channels", token: tokens.viewer })).status).toBe(
      403,
    );
    const made = await call(channels.POST, {
      method: "POST",
      path: "/alert-channels",
      token: tokens.admin,
      body: channel,
    });
    expect(made.status).toBe(201);
    expect(made.body.record).toMatchObject({ kind: "webhook", config: { target: "127.0.0.1:9" }, hasSecrets: true });
    const refused = await call(channels.POST, {
      method: "POST",
      path: "/alert-channels",
      token: tokens.admin,
      body: { ...channel, name: "Metadata", url: "http://169.254.169.254/" },
    });
    expect(refused.status).toBe(422);
    const queued = await call(channelTest.POST, {
      method: "POST",
      path: `/alert-channels/${made.body.record.id}/test`,
      token: tokens.admin,
      params: { id: made.body.record.id },
    });
    expect(queued.status).toBe(202);
    expect(await db().notification.count({ where: { event: "test" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: { startsWith: "alert-" } } })).toBe(4);
  });

  test("viewers read alerts; helpdesk acknowledges and silences", async () => {
    const ruleId = (await db().alertRule.findFirstOrThrow()).id;
    const alert = (await insertPendingAlert({
      ruleId,
      subject: "site:Leeds",
      severity: "critical",
      site: "Leeds",
      summary: "Site Leeds: 10 of 12 phones left",
      detail: "{}",
      startedAt: new Date(),
    }))!;
    await db().alert.update({ where: { id: alert.id }, data: { state: "firing", firedAt: new Date() } });
    const listed = await call(alerts.GET, { method: "GET", path: "/alerts?state=open", token: tokens.viewer });
    expect(listed.body.items.map((a: { subject: string }) => a.subject)).toEqual(["site:Leeds"]);
    expect(
      (
        await call(ack.POST, {
          method: "POST",
          path: `/alerts/${alert.id}/acknowledge`,
          token: tokens.viewer,
          params: { id: alert.id },
          body: { note: "x" },
        })
      ).status,
    ).toBe(403);
    const acked = await call(ack.POST, {
      method: "POST",
      path: `/alerts/${alert.id}/acknowledge`,
      token: tokens.helpdesk,
      params: { id: alert.id },
      body: { note: "on it" },
    });
    expect(acked.body.record.acknowledged).toMatchObject({ by: "token:helpdesk", note: "on it" });

    const window = { site: "Leeds", endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: "router swap" };
    expect(
      (await call(silences.POST, { method: "POST", path: "/silences", token: tokens.viewer, body: window })).status,
    ).toBe(403);
    const made = await call(silences.POST, { method: "POST", path: "/silences", token: tokens.helpdesk, body: window });
    expect(made.status).toBe(201);
    expect(made.body.record).toMatchObject({ site: "Leeds", reason: "router swap", active: true });
    expect(
      (await call(silences.GET, { method: "GET", path: "/silences", token: tokens.viewer })).body.items,
    ).toHaveLength(1);
    expect(
      (
        await call(silence.DELETE, {
          method: "DELETE",
          path: `/silences/${made.body.record.id}`,
          token: tokens.helpdesk,
          params: { id: made.body.record.id },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(silences.GET, { method: "GET", path: "/silences", token: tokens.viewer })).body.items[0].active,
    ).toBe(false);
  });

  test("device marks: admins set them, everyone reads them", async () => {
    const body = { kind: "device", name: "sepaabbccddeeff", critical: true, notAlerting: false };
    expect((await call(marks.PUT, { method: "PUT", path: "/alerts/marks", token: tokens.helpdesk, body })).status).toBe(
      403,
    );
    expect(
      (await call(marks.PUT, { method: "PUT", path: "/alerts/marks", token: tokens.admin, body })).body.items,
    ).toEqual([{ ...body, name: "SEPAABBCCDDEEFF" }]);
    expect(
      (await call(marks.GET, { method: "GET", path: "/alerts/marks", token: tokens.viewer })).body.items,
    ).toHaveLength(1);
  });

  test("no secret in any response", () => {
    for (const text of responses) {
      expect(text).not.toContain("s3cr3t-url-token");
      expect(text).not.toContain("hmac-secret-0123456789");
    }
  });
});
