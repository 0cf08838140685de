// "Read configuration now" (issue 19): admins only, for clusters that read their configuration
// through AXL; the request is stored on the source's health and audited, and the cluster is polled
// now the way "Poll now" polls it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { createSource } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { POST as readNow } from "@/app/api/v1/sources/[id]/configured/read/route";
import { GET as getSource } from "@/app/api/v1/sources/[id]/route";

let database: TestDatabase;
let admin: string;
let helpdesk: string;
let viewer: string;
const ids: Record<"axl" | "noAxl" | "router", string> = { axl: "", noAxl: "", router: "" };

const request = (id: string, token: string, method = "POST", path = "/configured/read") =>
  new NextRequest(`http://127.0.0.1/api/v1/sources/${id}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
const read = (id: string, token: string) => readNow(request(id, token), { params: Promise.resolve({ id }) });
const audits = () => db().auditEvent.findMany({ where: { action: "source.configured-read" } });

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  admin = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  helpdesk = (await createToken({ name: "helpdesk", role: "helpdesk" }, { actor: "test" })).token;
  viewer = (await createToken({ name: "viewer", role: "viewer" }, { actor: "test" })).token;
  const cluster = {
    kind: "cucm" as const,
    site: "HQ",
    urls: ["https://127.0.0.1:1"],
    username: "ris",
    password: "ris-password",
  };
  // Disabled: the poll it asks for is skipped at once, so the test needs no cluster to answer.
  ids.axl = (
    await createSource({ ...cluster, name: "campus", axlEnabled: true, enabled: false }, { actor: "test" })
  ).id;
  ids.noAxl = (await createSource({ ...cluster, name: "no-axl" }, { actor: "test" })).id;
  ids.router = (
    await createSource(
      { kind: "cme", name: "branch", urls: ["http://127.0.0.1:1"], username: "cisco", password: "cisco" },
      { actor: "test" },
    )
  ).id;
});

afterAll(async () => {
  await database?.stop();
});

describe("POST /sources/{id}/configured/read", () => {
  test("an unknown source is 404; a router or a cluster without AXL is 409; nothing is recorded", async () => {
    const unknown = await read("nope", admin);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
    for (const id of [ids.router, ids.noAxl]) {
      const refused = await read(id, admin);
      expect(refused.status).toBe(409);
      const body = await refused.json();
      expect(body.error.code).toBe("conflict");
      expect(body.error.message).toMatch(/AXL/);
    }
    expect(await audits()).toHaveLength(0);
  });

  test("viewers and helpdesk may not ask for it", async () => {
    for (const token of [viewer, helpdesk]) {
      const denied = await read(ids.axl, token);
      expect(denied.status).toBe(403);
      expect((await denied.json()).error.code).toBe("forbidden");
    }
    expect(await audits()).toHaveLength(0);
    const health = await db().sourceHealth.findUnique({ where: { sourceId: ids.axl } });
    expect(health?.configuredRequestedAt).toBeNull();
  });

  test("an admin's request is stored, audited, shows on the source, and the cluster is polled now", async () => {
    const before = Date.now();
    const response = await read(ids.axl, admin);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Date.parse(body.requestedAt)).toBeGreaterThanOrEqual(before);
    // The poll "Poll now" runs, here skipped because the source is disabled.
    expect(body.poll).toMatchObject({ sourceId: ids.axl, sourceName: "campus", status: "skipped" });
    expect(body.poll.error).toMatch(/disabled/);

    const health = await db().sourceHealth.findUnique({ where: { sourceId: ids.axl } });
    expect(health?.configuredRequestedAt?.toISOString()).toBe(body.requestedAt);
    const [audit] = await audits();
    expect(audit).toMatchObject({ actor: expect.stringContaining("admin"), target: "campus", outcome: "success" });
    expect(JSON.parse(audit!.detail)).toEqual({ sourceId: ids.axl });

    const source = await (
      await getSource(request(ids.axl, viewer, "GET", ""), { params: Promise.resolve({ id: ids.axl }) })
    ).json();
    expect(source.source.configured).toEqual({ readAt: null, count: null, error: null, requested: true });
  });
});
