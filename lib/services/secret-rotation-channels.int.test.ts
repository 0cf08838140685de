// Key rotation also moves alert channels' sealed secrets (SMTP passwords, webhook URLs and HMAC
// secrets), in the same transaction as the source passwords: after it, delivery still opens them.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { channelForDelivery, createAlertChannel } from "@/lib/db/alerts-outbox";
import { createSource } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { forgetKeyForTests, keyFilePath, keyId, open, parseKey } from "@/lib/secrets/source-passwords";
import { rotateSecretKey } from "./secret-rotation";

let database: TestDatabase;
const who = { actor: "cli" };
const secrets = { password: "smtp-pw-1", url: "https://hooks.example/services/T0/B0/abc" };

beforeAll(async () => {
  database = await startTestDatabase();
  delete process.env.LINEWATCH_SECRET_KEY;
  forgetKeyForTests();
  await createSource(
    { kind: "cme", name: "Leeds", urls: ["http://10.0.0.1"], username: "u", password: "leeds-pw" },
    who,
  );
  await createAlertChannel(
    {
      id: "channel-1",
      name: "Ops mail",
      kind: "email",
      enabled: true,
      config: { host: "10.0.0.25", port: 25, from: "lw@example.com", to: ["ops@example.com"] },
      secrets,
    },
    who,
  );
});
afterAll(async () => database?.stop());

test("a rotation re-seals channel secrets with the new key, and the old key opens them no more", async () => {
  const oldText = readFileSync(keyFilePath(), "utf8");
  const oldKey = { id: keyId(parseKey(oldText, "old")), key: parseKey(oldText, "old") };
  const outcome = await rotateSecretKey({}, who);
  expect(outcome.resealed).toBe(2);
  expect((await channelForDelivery("channel-1"))?.secrets).toEqual(secrets);
  const row = await db().notificationChannel.findUniqueOrThrow({
    where: { id: "channel-1" },
    select: { secretCipher: true },
  });
  expect(() => open(row.secretCipher, "alert-channel:channel-1", [oldKey])).toThrow();
});
