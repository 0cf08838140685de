// Key phones and save configuration through the real route handlers, the real database and the
// CME simulator over loopback: the router's flags change, the per-phone answers are the router's,
// and the stored flag, the timeline and the audit trail follow in one transaction.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import {
  ANNA_PHONE,
  PETER_PHONE,
  SIP_PHONE,
  UNKNOWN_PHONE,
  addSource,
  actionsApi,
  auditRows,
  keyPhoneChanges,
  startWorld,
  storeDevices,
  storedFlag,
  type ActionsWorld,
} from "@/lib/testing/cme-actions";
import * as keyPhones from "@/app/api/v1/sources/[id]/key-phones/route";
import * as saveConfig from "@/app/api/v1/sources/[id]/save-config/route";

const api = actionsApi({ keyPhones, saveConfig });

let world: ActionsWorld;
let helpdesk: string;

beforeAll(async () => {
  world = await startWorld();
  helpdesk = world.tokens.helpdesk;
});
afterAll(async () => world?.stop());

describe("key-phone list", () => {
  test("with no stored inventory, the router's SCCP phones are read live with their flags", async () => {
    const response = await api.listKeyPhones(helpdesk, world.sourceId);
    expect(response.status).toBe(200);
    const list = await response.json();
    expect(list.origin).toBe("router");
    expect(list.router).toMatchObject({ id: world.sourceId, name: "Test router" });
    expect(list.phones.map((p: { name: string }) => p.name)).toEqual([ANNA_PHONE, PETER_PHONE]);
    expect(list.phones.find((p: { name: string }) => p.name === PETER_PHONE)).toMatchObject({
      keyPhone: false,
      userName: "peter",
      primaryDn: "0800",
    });
    expect(world.router.control.requestCount("ISgetDevice")).toBeGreaterThan(0);
  });

  test("with stored inventory, the stored phones are listed (SIP phones left out) without asking the router", async () => {
    const sourceId = await addSource(world.router, "Stored router", 5000);
    await storeDevices(sourceId, [
      { name: PETER_PHONE, keyPhone: false },
      { name: ANNA_PHONE, keyPhone: true },
      { name: SIP_PHONE, keyPhone: null, protocol: "sip" },
    ]);
    world.router.control.resetCounters();
    const list = await (await api.listKeyPhones(helpdesk, sourceId)).json();
    expect(list.origin).toBe("inventory");
    expect(list.phones.map((p: { name: string; keyPhone: boolean }) => [p.name, p.keyPhone])).toEqual([
      [ANNA_PHONE, true],
      [PETER_PHONE, false],
    ]);
    expect(world.router.control.requestCount()).toBe(0);
  });

  test("an unknown source, or one that is not a CME router, is 404", async () => {
    expect((await api.listKeyPhones(helpdesk, "no-such-source")).status).toBe(404);
  });
});

describe("set and unset key phones", () => {
  let sourceId: string;

  beforeEach(async () => {
    world.router.control.setFailure(null);
    world.router.control.setLatency(0);
  });

  beforeAll(async () => {
    sourceId = await addSource(world.router, "Inventory router", 5000);
    await storeDevices(sourceId, [
      { name: PETER_PHONE, keyPhone: false },
      { name: ANNA_PHONE, keyPhone: false },
    ]);
  });

  test("set: the router's flags change, its answers come back per phone in order, and the store follows", async () => {
    const before = {
      changes: (await keyPhoneChanges(sourceId)).length,
      audit: (await auditRows("key-phone.set")).length,
    };
    const response = await api.changeKeyPhones(helpdesk, sourceId, {
      action: "set",
      phones: [PETER_PHONE, UNKNOWN_PHONE, ANNA_PHONE.toLowerCase()],
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toMatchObject({ action: "set", outcome: "partial", readBack: null });
    expect(result.results).toEqual([
      { phone: PETER_PHONE, ok: true },
      { phone: UNKNOWN_PHONE, ok: false },
      { phone: ANNA_PHONE, ok: true },
    ]);
    expect(result.message).toContain(UNKNOWN_PHONE);

    expect(world.router.control.keyPhone(PETER_PHONE)).toBe(true);
    expect(world.router.control.keyPhone(ANNA_PHONE)).toBe(true);
    expect(await storedFlag(sourceId, PETER_PHONE)).toBe(true);
    expect(await storedFlag(sourceId, ANNA_PHONE)).toBe(true);

    // One ChangeEvent per phone whose flag changed; one audit row per phone asked for.
    const changes = (await keyPhoneChanges(sourceId)).slice(before.changes);
    expect(changes.map((c) => [c.subject, c.before, c.after])).toEqual([
      [PETER_PHONE, "false", "true"],
      [ANNA_PHONE, "false", "true"],
    ]);
    expect(changes.every((c) => c.subjectKind === "device" && c.reason?.includes("token:helpdesk"))).toBe(true);
    const audit = (await auditRows("key-phone.set")).slice(before.audit);
    expect(audit.map((a) => [a.target, a.outcome, a.actor])).toEqual([
      [PETER_PHONE, "success", "token:helpdesk"],
      [UNKNOWN_PHONE, "failure", "token:helpdesk"],
      [ANNA_PHONE, "success", "token:helpdesk"],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ sourceId, router: "Inventory router", routerAnswer: true });
  });

  test("setting a phone that already is a key phone succeeds without a new timeline entry", async () => {
    const changes = (await keyPhoneChanges(sourceId)).length;
    const result = await (
      await api.changeKeyPhones(helpdesk, sourceId, { action: "set", phones: [PETER_PHONE] })
    ).json();
    expect(result).toMatchObject({ outcome: "success", results: [{ phone: PETER_PHONE, ok: true }] });
    expect((await keyPhoneChanges(sourceId)).length).toBe(changes);
  });

  test("unset: flags cleared on the router and in the store, one change and one audit row per phone", async () => {
    const before = {
      changes: (await keyPhoneChanges(sourceId)).length,
      audit: (await auditRows("key-phone.unset")).length,
    };
    const result = await (
      await api.changeKeyPhones(world.tokens.admin, sourceId, { action: "unset", phones: [ANNA_PHONE, PETER_PHONE] })
    ).json();
    expect(result).toMatchObject({ action: "unset", outcome: "success" });
    expect(result.results).toEqual([
      { phone: ANNA_PHONE, ok: true },
      { phone: PETER_PHONE, ok: true },
    ]);
    expect(world.router.control.keyPhone(ANNA_PHONE)).toBe(false);
    expect(world.router.control.keyPhone(PETER_PHONE)).toBe(false);
    expect(await storedFlag(sourceId, ANNA_PHONE)).toBe(false);
    const changes = (await keyPhoneChanges(sourceId)).slice(before.changes);
    expect(changes.map((c) => [c.subject, c.before, c.after])).toEqual([
      [ANNA_PHONE, "true", "false"],
      [PETER_PHONE, "true", "false"],
    ]);
    expect((await auditRows("key-phone.unset")).slice(before.audit).map((a) => [a.target, a.outcome])).toEqual([
      [ANNA_PHONE, "success"],
      [PETER_PHONE, "success"],
    ]);
  });

  test("only an unknown phone: outcome failure, nothing stored changes", async () => {
    const changes = (await keyPhoneChanges(sourceId)).length;
    const result = await (
      await api.changeKeyPhones(helpdesk, sourceId, { action: "set", phones: [UNKNOWN_PHONE] })
    ).json();
    expect(result).toMatchObject({ outcome: "failure", results: [{ phone: UNKNOWN_PHONE, ok: false }] });
    expect((await keyPhoneChanges(sourceId)).length).toBe(changes);
  });

  test("a router that cannot be reached: the error envelope, and a failure audit row per phone", async () => {
    world.router.control.setFailure("401");
    const audit = (await auditRows("key-phone.set")).length;
    const response = await api.changeKeyPhones(helpdesk, sourceId, { action: "set", phones: [PETER_PHONE] });
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toMatch(/refused the user name or password/);
    const rows = (await auditRows("key-phone.set")).slice(audit);
    expect(rows.map((a) => [a.target, a.outcome])).toEqual([[PETER_PHONE, "failure"]]);
    expect(await storedFlag(sourceId, PETER_PHONE)).toBe(false);
  });
});

describe("save configuration", () => {
  beforeEach(() => {
    world.router.control.setFailure(null);
    world.router.control.setTerminalSession(false);
    world.router.control.setSaveConfigFails(false);
  });

  test("saved, delayed by a terminal session, or failed: each in words, each audited", async () => {
    const saved = await (await api.saveConfig(helpdesk, world.sourceId)).json();
    expect(saved).toEqual({ result: "saved", outcome: "success", message: expect.stringContaining("Saved to NVRAM") });
    expect(world.router.control.startupConfig()).toBe(world.router.control.runningConfig());

    world.router.control.setTerminalSession(true);
    const delayed = await (await api.saveConfig(helpdesk, world.sourceId)).json();
    expect(delayed).toEqual({
      result: "delayed",
      outcome: "success",
      message: expect.stringContaining("Another terminal session is open on the router; it will save later"),
    });

    world.router.control.setTerminalSession(false);
    world.router.control.setSaveConfigFails(true);
    const failed = await (await api.saveConfig(helpdesk, world.sourceId)).json();
    expect(failed).toEqual({
      result: "failed",
      outcome: "failure",
      message: expect.stringContaining("could not save"),
    });

    const audit = await auditRows("cme.save-config");
    expect(audit.slice(-3).map((a) => [a.target, a.outcome, JSON.parse(a.detail).result])).toEqual([
      ["Test router", "success", "saved"],
      ["Test router", "success", "delayed"],
      ["Test router", "failure", "failed"],
    ]);
  });

  test("stored inventory is untouched by a save", async () => {
    const count = await db().changeEvent.count();
    await api.saveConfig(helpdesk, world.sourceId);
    expect(await db().changeEvent.count()).toBe(count);
  });
});
