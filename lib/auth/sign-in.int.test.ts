// Sign-in throttling through the real credential check and database, on an injected clock.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { changeMyPassword, createUser, getUserByEmail } from "@/lib/db/users";
import { listAudit } from "@/lib/db/audit";
import { accountRule, addressRule, lockedUntil } from "@/lib/db/login-throttle";
import { checkSignIn } from "./sign-in";

// Counts password hash comparisons: a throttled answer must do the same work as a wrong password.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/secrets/hashes", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/secrets/hashes")>();
  return {
    ...real,
    verifyPassword: async (password: string, hash: string) => (checks.count++, real.verifyPassword(password, hash)),
  };
});

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
  await createUser(
    { email: "pat@example.com", name: "Pat", role: "viewer", password: "pat's long password" },
    { actor: "test" },
  );
});
afterAll(async () => database?.stop());

const t0 = new Date("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

test("a good password signs in, starts a server-side session and is audited", async () => {
  expect(await checkSignIn("pat@example.com", "pat's long password", "10.0.0.1", t0)).toMatchObject({
    email: "pat@example.com",
    sessionId: expect.any(String),
  });
  const audit = await listAudit({ action: "auth.sign-in", outcome: "success", page: 1, pageSize: 5 });
  expect(audit.items[0]).toMatchObject({ target: "pat@example.com", ip: "10.0.0.1" });
});

test("issue 15 #1: past the free failures each one doubles the wait; a throttled try answers like a wrong password and does the same work", async () => {
  for (let i = 0; i < accountRule.freeFailures; i++)
    expect(await checkSignIn("pat@example.com", `wrong ${i}`, `10.0.1.${i}`, t0)).toBeNull();
  expect(await lockedUntil(["account:pat@example.com"], t0)).toBeNull();
  expect(await checkSignIn("pat@example.com", "wrong again", "10.0.1.9", t0)).toBeNull();
  expect((await lockedUntil(["account:pat@example.com"], t0))!.getTime()).toBe(at(accountRule.firstDelayMs).getTime());

  const before = checks.count;
  expect(await checkSignIn("pat@example.com", "pat's long password", "10.0.2.1", at(1))).toBeNull();
  expect(checks.count - before, "the password was still checked").toBe(1);
  const throttled = await listAudit({ action: "auth.sign-in", outcome: "failure", page: 1, pageSize: 1 });
  expect(throttled.items[0]!.detail).toEqual({ reason: "throttled" });

  // After the wait, the next failure waits twice as long; the right password then signs in.
  const next = accountRule.firstDelayMs + 1;
  expect(await checkSignIn("pat@example.com", "still wrong", "10.0.1.10", at(next))).toBeNull();
  expect((await lockedUntil(["account:pat@example.com"], at(next)))!.getTime()).toBe(
    at(next + 2 * accountRule.firstDelayMs).getTime(),
  );
  expect(
    await checkSignIn(
      "pat@example.com",
      "pat's long password",
      "10.0.2.1",
      at(next + 2 * accountRule.firstDelayMs + 1),
    ),
  ).toMatchObject({ email: "pat@example.com" });
});

test("one address trying many accounts is locked too", async () => {
  for (let i = 0; i <= addressRule.freeFailures; i++) await checkSignIn(`guess${i}@example.com`, "x", "10.9.9.9", t0);
  await createUser(
    { email: "sam@example.com", name: "Sam", role: "viewer", password: "sam's long password" },
    { actor: "test" },
  );
  expect(await checkSignIn("sam@example.com", "sam's long password", "10.9.9.9", at(1))).toBeNull();
  expect(await checkSignIn("sam@example.com", "sam's long password", "10.9.9.10", at(1))).toMatchObject({
    email: "sam@example.com",
  });
});

test("passwords past bcrypt's 72 bytes count whole: a 72-character prefix plus anything does not sign in", async () => {
  const long = "p".repeat(72);
  await createUser(
    { email: "long@example.com", name: "Long", role: "viewer", password: `${long}-the-rest` },
    { actor: "test" },
  );
  expect(await checkSignIn("long@example.com", `${long}-anything`, "10.7.0.1", t0)).toBeNull();
  expect(await checkSignIn("long@example.com", `${long}-the-rest`, "10.7.0.2", t0)).toMatchObject({
    email: "long@example.com",
  });
});

test("issue 15 #7: the current-password check of a password change is throttled like sign-in", async () => {
  await createUser(
    { email: "kim@example.com", name: "Kim", role: "viewer", password: "kim's long password" },
    { actor: "test" },
  );
  const kim = (await getUserByEmail("kim@example.com"))!;
  const who = { actor: "kim@example.com", actorId: kim.id };
  for (let i = 0; i <= accountRule.freeFailures; i++) {
    await expect(changeMyPassword(kim.id, `guess ${i}`, "a brand new password", who, t0)).rejects.toMatchObject({
      code: "validation_failed",
    });
  }
  // Throttled now: even the right current password waits, and the answer says so.
  await expect(
    changeMyPassword(kim.id, "kim's long password", "a brand new password", who, at(1)),
  ).rejects.toMatchObject({ code: "rate_limited", status: 429 });
  await changeMyPassword(kim.id, "kim's long password", "a brand new password", who, at(accountRule.firstDelayMs + 1));
  expect(
    await checkSignIn("kim@example.com", "a brand new password", "10.8.0.1", at(accountRule.firstDelayMs + 2)),
  ).toMatchObject({ email: "kim@example.com" });
});
