// CME phone users through the real route handlers against the simulator: lookups in words, and a
// password reset whose generated password the router accepts, shown once and found nowhere else.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { actionsApi, auditRows, startWorld, type ActionsWorld } from "@/lib/testing/cme-actions";
import * as cmeUser from "@/app/api/v1/sources/[id]/cme-users/[userId]/route";
import * as resetPassword from "@/app/api/v1/sources/[id]/cme-users/[userId]/reset-password/route";
import * as cmeUserList from "@/app/api/v1/sources/[id]/cme-users/route";
import { NextRequest } from "next/server";
import { pollSource } from "@/lib/inventory/poll";
import { ANNA_PHONE, PETER_PHONE } from "@/lib/testing/cme-actions";

const api = actionsApi({ cmeUser, resetPassword });

let world: ActionsWorld;
let helpdesk: string;

beforeAll(async () => {
  world = await startWorld();
  helpdesk = world.tokens.helpdesk;
});
afterAll(async () => world?.stop());
afterEach(() => vi.restoreAllMocks());

describe("look up a CME user", () => {
  test("a known user: type in words and the user-name tag", async () => {
    const response = await api.lookUpUser(helpdesk, world.sourceId, "peter");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      userId: "peter",
      found: true,
      type: "ephone user",
      typeLabel: "ephone user",
      tag: expect.any(Number),
      message: expect.stringContaining("ephone user"),
    });
  });

  test("an unknown user (type 0, tag 0) is 'no such user'", async () => {
    const lookup = await (await api.lookUpUser(helpdesk, world.sourceId, "ghost")).json();
    expect(lookup).toMatchObject({ userId: "ghost", found: false, type: "invalid", tag: 0, typeLabel: "no such user" });
    expect(lookup.message).toMatch(/No such user/);
  });

  test("an over-long or malformed user ID is 422 before anything is sent", async () => {
    world.router.control.resetCounters();
    for (const userId of ["a".repeat(20), "pe ter", "-peter", "peter/../x"]) {
      const response = await api.lookUpUser(helpdesk, world.sourceId, userId);
      expect(response.status, userId).toBe(422);
      expect((await response.json()).error.code).toBe("validation_failed");
    }
    expect(world.router.control.requestCount()).toBe(0);
  });
});

describe("reset a CME user's password", () => {
  test("the router takes the generated password, shown once; audit, log and database never hold it", async () => {
    const printed: string[] = [];
    for (const stream of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, stream).mockImplementation(
        (...args: unknown[]) => void printed.push(args.map(String).join(" ")),
      );
    }
    const response = await api.resetPassword(helpdesk, world.sourceId, "peter");
    expect(response.status).toBe(200);
    const text = await response.text();
    const result = JSON.parse(text);
    expect(result).toMatchObject({ outcome: "success", userId: "peter" });

    const password: string = result.password;
    // 16 lower-case letters and digits without look-alikes: within the router's 19, keyed in on a phone.
    expect(password).toMatch(/^[a-hjkmnp-z2-9]{16}$/);
    expect(world.router.control.userPassword("peter")).toBe(password);
    // The response names the password exactly once; the message does not repeat it.
    expect(text.split(password).length - 1).toBe(1);
    expect(result.message).not.toContain(password);

    const audit = await auditRows("cme-user.reset-password");
    expect(audit.map((a) => [a.target, a.outcome, a.actor])).toEqual([["peter", "success", "token:helpdesk"]]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ sourceId: world.sourceId, router: "Test router" });
    const everyAuditRow = JSON.stringify(await db().auditEvent.findMany());
    expect(everyAuditRow).not.toContain(password);
    expect(JSON.stringify(await db().changeEvent.findMany())).not.toContain(password);
    expect(printed.join("\n")).not.toContain(password);
  });

  test("each reset gives a new password", async () => {
    const first = await (await api.resetPassword(helpdesk, world.sourceId, "anna")).json();
    const second = await (await api.resetPassword(world.tokens.admin, world.sourceId, "anna")).json();
    expect(first.password).not.toBe(second.password);
    expect(world.router.control.userPassword("anna")).toBe(second.password);
  });

  test("an unknown user: the router's refusal in plain words, no password shown, audited as a failure", async () => {
    const response = await api.resetPassword(helpdesk, world.sourceId, "ghost");
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toEqual({
      outcome: "failure",
      userId: "ghost",
      message: expect.stringMatching(/^No such user: the router has no user named ghost/),
    });
    const [row] = (await auditRows("cme-user.reset-password")).filter((a) => a.target === "ghost");
    expect(row?.outcome).toBe("failure");
  });

  test("an over-long or malformed user ID is 422 before anything is sent", async () => {
    world.router.control.resetCounters();
    const audit = (await auditRows()).length;
    for (const userId of ["abcdefghijklmnopqrst", "peter;x", ""]) {
      const response = await api.resetPassword(helpdesk, world.sourceId, userId);
      expect([400, 422], userId).toContain(response.status);
      if (userId) expect(response.status, userId).toBe(422);
    }
    expect(world.router.control.requestCount()).toBe(0);
    expect((await auditRows()).length).toBe(audit);
  });
});

describe("list a router's users", () => {
  const list = async (token: string, sourceId: string, q?: string) => {
    const url = new URL(`http://127.0.0.1/api/v1/sources/${sourceId}/cme-users`);
    if (q) url.searchParams.set("q", q);
    return cmeUserList.GET(new NextRequest(url, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ id: sourceId }),
    });
  };

  test("from the stored phones: each user with their phones and state, searchable, no router request", async () => {
    await pollSource(world.sourceId, { instanceId: "test", force: true });
    const before = world.router.control.requestCount();
    const all = await list(helpdesk, world.sourceId);
    expect(all.status).toBe(200);
    const body = (await all.json()) as {
      users: { userId: string; phones: { name: string; registrationStatus: string }[] }[];
    };
    const anna = body.users.find((u) => u.userId === "anna");
    expect(anna?.phones).toEqual([
      { name: ANNA_PHONE, registrationStatus: "unregistered", statusReason: expect.any(String) },
    ]);
    expect(body.users.find((u) => u.userId === "peter")?.phones.map((p) => p.name)).toContain(PETER_PHONE);
    const searched = (await (await list(helpdesk, world.sourceId, "ANN")).json()) as { users: { userId: string }[] };
    expect(searched.users.map((u) => u.userId)).toEqual(["anna"]);
    expect(world.router.control.requestCount()).toBe(before);
  });

  test("a viewer is refused; an unknown source is 404", async () => {
    expect((await list(world.tokens.viewer, world.sourceId)).status).toBe(403);
    expect((await list(helpdesk, "nope")).status).toBe(404);
  });
});
