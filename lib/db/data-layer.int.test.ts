// The data functions against a real, freshly migrated database: SQLite by default, PostgreSQL
// when LINEWATCH_TEST_DATABASE_URL is set (CI runs this file in both lanes).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { db } from "./client";
import {
  changeMyPassword,
  countUsers,
  createUser,
  getUserByEmail,
  listUsers,
  setUserPassword,
  signOutUserEverywhere,
  updateUser,
  verifyCredentials,
} from "./users";
import { createToken, findActiveToken, listTokens, revokeToken } from "./tokens";
import { listAudit, maskSecrets } from "./audit";
import { accountRule, clearLoginFailures, delayAfter, lockedUntil, recordLoginFailure } from "./login-throttle";
import { AppError } from "@/lib/errors";

let database: TestDatabase;
const admin = { actor: "tester@example.com", requestId: "req-1", ip: "127.0.0.1" };

beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => {
  await database?.stop();
});

describe("migrations", () => {
  test("leave an empty database with every table", async () => {
    expect(await countUsers()).toBe(0);
    expect(await db().apiToken.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
    expect(await db().risportRequest.count()).toBe(0);
  });
});

describe("users", () => {
  test("create stores a hash, never the password, and audits in the same step", async () => {
    const user = await createUser(
      { email: " Alice@Example.com ", name: "Alice", role: "helpdesk", password: "correct horse battery" },
      admin,
    );
    expect(user.email).toBe("alice@example.com");
    expect(user).not.toHaveProperty("passwordHash");
    const raw = await db().user.findUnique({ where: { id: user.id } });
    expect(raw!.passwordHash).toMatch(/^scrypt\$/);
    expect(raw!.passwordHash).not.toContain("correct horse");
    const audit = await listAudit({ action: "user.create", page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({
      actor: admin.actor,
      target: "alice@example.com",
      outcome: "success",
      requestId: "req-1",
    });
  });

  test("duplicate email is a conflict", async () => {
    await expect(
      createUser({ email: "alice@example.com", name: "A2", role: "viewer", password: "another long password" }, admin),
    ).rejects.toMatchObject({ code: "conflict", status: 409 });
  });

  test("credentials: right password signs in, wrong or disabled does not", async () => {
    expect(await verifyCredentials("ALICE@example.com", "correct horse battery")).toMatchObject({
      email: "alice@example.com",
    });
    expect(await verifyCredentials("alice@example.com", "wrong")).toBeNull();
    expect(await verifyCredentials("nobody@example.com", "whatever")).toBeNull();
  });

  test("disable bumps the session version; the last admin cannot be removed", async () => {
    const boss = await createUser(
      { email: "boss@example.com", name: "Boss", role: "admin", password: "boss password long" },
      admin,
    );
    const alice = (await getUserByEmail("alice@example.com"))!;
    const disabled = await updateUser(alice.id, { disabled: true }, admin);
    expect(disabled.disabled).toBe(true);
    expect(disabled.sessionVersion).toBe(alice.sessionVersion + 1);
    expect(await verifyCredentials("alice@example.com", "correct horse battery")).toBeNull();
    await expect(updateUser(boss.id, { role: "viewer" }, admin)).rejects.toBeInstanceOf(AppError);
    await expect(updateUser(boss.id, { disabled: true }, { ...admin, actorId: boss.id })).rejects.toMatchObject({
      code: "conflict",
    });
    const actions = (await listAudit({ page: 1, pageSize: 50 })).items.map((e) => e.action);
    expect(actions).toContain("user.disable");
  });

  test("sign out everywhere and password changes end sessions", async () => {
    const boss = (await getUserByEmail("boss@example.com"))!;
    await signOutUserEverywhere(boss.id, admin);
    expect((await getUserByEmail("boss@example.com"))!.sessionVersion).toBe(boss.sessionVersion + 1);
    await expect(changeMyPassword(boss.id, "not it", "a new long password", admin)).rejects.toMatchObject({
      code: "validation_failed",
    });
    await changeMyPassword(boss.id, "boss password long", "a new long password", admin);
    expect(await verifyCredentials("boss@example.com", "a new long password")).not.toBeNull();
    await setUserPassword(boss.id, "reset by admin pw", admin);
    expect(await verifyCredentials("boss@example.com", "a new long password")).toBeNull();
  });

  test("list filters by role and text", async () => {
    expect((await listUsers({ role: "admin" })).map((u) => u.email)).toEqual(["boss@example.com"]);
    expect((await listUsers({ search: "ALICE" })).map((u) => u.email)).toEqual(["alice@example.com"]);
  });
});

describe("API tokens", () => {
  test("only a hash is stored; revoked and expired tokens stop working", async () => {
    const { token, record } = await createToken({ name: "script", role: "viewer" }, admin);
    expect(token).toMatch(/^lw_/);
    const row = await db().apiToken.findUnique({ where: { id: record.id } });
    expect(row!.tokenHash).not.toContain(token);
    expect(await findActiveToken(token)).toMatchObject({ name: "script", role: "viewer" });
    expect((await listTokens())[0]!.lastUsedAt).not.toBeNull();
    await revokeToken(record.id, admin);
    expect(await findActiveToken(token)).toBeNull();

    const expiring = await createToken({ name: "short", role: "admin", expiresAt: new Date(Date.now() + 1000) }, admin);
    expect(await findActiveToken(expiring.token)).not.toBeNull();
    expect(await findActiveToken(expiring.token, new Date(Date.now() + 5000))).toBeNull();
    expect(await findActiveToken("lw_unknown")).toBeNull();
  });
});

describe("audit", () => {
  test("masks secrets in detail and pages newest first", async () => {
    expect(maskSecrets({ password: "x", nested: { apiToken: "y", ok: 1 }, list: [{ secret: "z" }] })).toEqual({
      password: "***",
      nested: { apiToken: "***", ok: 1 },
      list: [{ secret: "***" }],
    });
    const page1 = await listAudit({ page: 1, pageSize: 2 });
    const page2 = await listAudit({ page: 2, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(4);
    expect(page1.items[0]!.at.getTime()).toBeGreaterThanOrEqual(page2.items[0]!.at.getTime());
    // The one failure so far: the wrong current password of the password-change test above.
    expect((await listAudit({ outcome: "failure", page: 1, pageSize: 10 })).items.map((i) => i.action)).toEqual([
      "user.password-change",
    ]);
  });
});

describe("login throttle", () => {
  test("free failures, then waits that double up to a ceiling; survives as rows, clears on success", async () => {
    const now = new Date();
    for (let i = 0; i < accountRule.freeFailures; i++) await recordLoginFailure("account:x", accountRule, now);
    expect(await lockedUntil(["account:x"], now)).toBeNull();
    await recordLoginFailure("account:x", accountRule, now);
    const until = await lockedUntil(["account:x", "address:1.2.3.4"], now);
    expect(until!.getTime()).toBe(now.getTime() + accountRule.firstDelayMs);
    expect(await lockedUntil(["account:x"], new Date(until!.getTime() + 1))).toBeNull();
    await recordLoginFailure("account:x", accountRule, new Date(until!.getTime() + 1));
    expect((await lockedUntil(["account:x"], until!))!.getTime()).toBe(
      until!.getTime() + 1 + 2 * accountRule.firstDelayMs,
    );
    expect(delayAfter(accountRule.freeFailures + 40, accountRule)).toBe(accountRule.maxDelayMs);
    await clearLoginFailures("account:x");
    expect(await lockedUntil(["account:x"], now)).toBeNull();
  });
});
