// Sign-in throttling through the real credential check and database.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createUser } from "@/lib/db/users";
import { listAudit } from "@/lib/db/audit";
import { accountRule, addressRule } from "@/lib/db/login-throttle";
import { checkSignIn } from "./sign-in";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
  await createUser({ email: "pat@example.com", name: "Pat", role: "viewer", password: "pat's long password" }, { actor: "test" });
});
afterAll(async () => database?.stop());

test("a good password signs in and is audited", async () => {
  expect(await checkSignIn("pat@example.com", "pat's long password", "10.0.0.1")).toMatchObject({ email: "pat@example.com" });
  const audit = await listAudit({ action: "auth.sign-in", outcome: "success", page: 1, pageSize: 5 });
  expect(audit.items[0]).toMatchObject({ target: "pat@example.com", ip: "10.0.0.1" });
});

test("the account locks after repeated failures, even for the right password, and says nothing more", async () => {
  for (let i = 0; i < accountRule.maxFailures; i++) expect(await checkSignIn("pat@example.com", `wrong ${i}`, `10.0.1.${i}`)).toBeNull();
  expect(await checkSignIn("pat@example.com", "pat's long password", "10.0.2.1")).toBeNull();
  const throttled = await listAudit({ action: "auth.sign-in", outcome: "failure", page: 1, pageSize: 1 });
  expect(throttled.items[0]!.detail).toEqual({ reason: "throttled" });
});

test("one address trying many accounts is locked too", async () => {
  for (let i = 0; i < addressRule.maxFailures; i++) await checkSignIn(`guess${i}@example.com`, "x", "10.9.9.9");
  await createUser({ email: "sam@example.com", name: "Sam", role: "viewer", password: "sam's long password" }, { actor: "test" });
  expect(await checkSignIn("sam@example.com", "sam's long password", "10.9.9.9")).toBeNull();
  expect(await checkSignIn("sam@example.com", "sam's long password", "10.9.9.10")).toMatchObject({ email: "sam@example.com" });
});
