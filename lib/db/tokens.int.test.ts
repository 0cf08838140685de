// Issue 15 #5: an API token does not outlive its creator's access.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createUser, updateUser } from "./users";
import { createToken, findActiveToken, listTokens } from "./tokens";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

test("disabling the creator suspends their tokens (and the list says so); enabling restores them", async () => {
  const who = { actor: "test" };
  await createUser(
    { email: "keeper@example.com", name: "Keeper", role: "admin", password: "keeper's long password" },
    who,
  );
  const leaver = await createUser(
    { email: "leaver@example.com", name: "Leaver", role: "admin", password: "leaver's long password" },
    who,
  );
  const { token, record } = await createToken({ name: "leaver-script", role: "admin", createdById: leaver.id }, who);
  const { token: cliToken } = await createToken({ name: "cli-made", role: "viewer" }, who);
  expect(await findActiveToken(token)).toMatchObject({ id: record.id });

  await updateUser(leaver.id, { disabled: true }, who);
  expect(await findActiveToken(token)).toBeNull();
  expect((await listTokens()).find((t) => t.id === record.id)).toMatchObject({
    suspended: true,
    createdBy: "leaver@example.com",
    revokedAt: null,
  });
  expect(await findActiveToken(cliToken), "a token with no creator is unaffected").not.toBeNull();

  await updateUser(leaver.id, { disabled: false }, who);
  expect(await findActiveToken(token)).toMatchObject({ id: record.id });
  expect((await listTokens()).find((t) => t.id === record.id)).toMatchObject({ suspended: false });
});
