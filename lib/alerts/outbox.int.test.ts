// The outbox under faults, with real receivers on loopback: a mail server that is down until it
// comes back (across an app restart), a webhook answering 500 or hanging, a refused target, and
// two instances delivering the same outbox. Each shows on the channel's health; nothing is lost.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { closeDb, db } from "@/lib/db/client";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { configureTargets } from "@/lib/soap/targets";
import { deliverOutbox } from "./deliver";
import { createAlertChannel, listAlertChannels, testAlertChannel } from "./service";
import { startSmtpReceiver, startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/alert-receivers";

const admin = { actor: "admin@test" };
const SECRET = "another-webhook-secret-long-enough";
let database: TestDatabase;
let hook: WebhookReceiver;
let clock = Date.UTC(2026, 11, 1, 8, 0, 0);
const at = () => new Date(clock);
const deliver = (instanceId = "a", timeoutMs = 1_000) => deliverOutbox({ now: at(), instanceId, timeoutMs });
const health = async (name: string) => (await listAlertChannels()).items.find((c) => c.name === name)!.health;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  hook = await startWebhookReceiver(SECRET);
});
afterAll(async () => {
  configureTargets(undefined);
  await hook?.stop();
  await database?.stop();
});

describe("the outbox", () => {
  test("a mail server that is down gets the message after it returns, across a restart; health shows the failures", async () => {
    const port = await freePort();
    const channel = await createAlertChannel(
      {
        kind: "email",
        name: "Mail",
        enabled: true,
        email: {
          host: "127.0.0.1",
          port,
          security: "none",
          username: "",
          from: "lw@example.test",
          to: ["noc@example.test"],
          allowSelfSigned: false,
        },
      },
      admin,
    );
    await testAlertChannel(channel.id, admin, at());
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    expect(await health("Mail")).toMatchObject({ consecutiveFailures: 1, pending: 1, lastSuccessAt: null });
    expect((await health("Mail")).lastError).toMatch(/ECONNREFUSED|connect/i);
    // Not due again until its backoff has passed (30 s), then it fails again and waits twice as long.
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    clock += 30_000;
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    const row = await db().notification.findFirstOrThrow({ where: { channelId: channel.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.nextAttemptAt.getTime()).toBe(clock + 60_000);

    // The app restarts: the outbox is in the database.
    await closeDb();
    const smtp = await startSmtpReceiver({ port });
    try {
      clock += 60_000;
      expect(await deliver()).toEqual({ sent: 1, failed: 0 });
      const [mail] = await smtp.waitFor(1);
      expect(mail!.subject).toBe("[Linewatch] TEST info: Test message - the fleet");
      expect(mail!.text).toContain("A test message from Linewatch, sent by admin@test.");
      expect(await health("Mail")).toMatchObject({ consecutiveFailures: 0, pending: 0, lastError: null });
    } finally {
      await smtp.stop();
    }
  });

  test("a webhook answering 500, then hanging, then well: delivered once it answers, with a valid signature", async () => {
    const channel = await createAlertChannel(
      { kind: "webhook", name: "Hook", enabled: true, url: hook.url, hmacSecret: SECRET },
      admin,
    );
    await testAlertChannel(channel.id, admin, at());
    hook.mode = "fail";
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    expect((await health("Hook")).lastError).toBe("The receiver answered HTTP 500.");
    hook.mode = "hang";
    clock += 30_000;
    expect(await deliver("a", 300)).toEqual({ sent: 0, failed: 1 });
    expect(await health("Hook")).toMatchObject({ consecutiveFailures: 2, pending: 1 });
    expect((await health("Hook")).lastError).toMatch(/No answer within/);
    hook.mode = "ok";
    clock += 60_000;
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.signatureValid).toBe(true);
    expect(await health("Hook")).toMatchObject({ consecutiveFailures: 0, pending: 0 });
  });

  test("a refused target is refused on save when literal, and never contacted when the policy refuses it later", async () => {
    await expect(
      createAlertChannel(
        { kind: "webhook", name: "Metadata", enabled: true, url: "http://169.254.169.254/latest" },
        admin,
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const channel = await createAlertChannel(
      { kind: "webhook", name: "Hook 2", enabled: true, url: hook.url, hmacSecret: SECRET },
      admin,
    );
    configureTargets(["10.0.0.0/8"]);
    try {
      await testAlertChannel(channel.id, admin, at());
      expect(await deliver()).toEqual({ sent: 0, failed: 1 });
      expect((await health("Hook 2")).lastError).toMatch(
        /^Refused target, not contacted: 127\.0\.0\.1 is not allowed by LINEWATCH_ALLOWED_TARGETS/,
      );
      expect(hook.received).toHaveLength(1);
    } finally {
      configureTargets(undefined);
    }
    clock += 30_000;
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(hook.received).toHaveLength(2);
  });

  test("a hanging receiver costs one timeout per run, whatever waits for it; nothing is lost", async () => {
    const channel = (await listAlertChannels()).items.find((c) => c.name === "Hook")!;
    const before = hook.received.length;
    for (let i = 0; i < 4; i += 1) await testAlertChannel(channel.id, admin, at());
    hook.mode = "hang";
    expect(await deliver("a", 300)).toEqual({ sent: 0, failed: 1 });
    expect(await db().notification.count({ where: { channelId: channel.id, status: "pending" } })).toBe(4);
    hook.mode = "ok";
    clock += 30_000;
    expect(await deliver()).toEqual({ sent: 4, failed: 0 });
    expect(hook.received.length - before).toBe(4);
  });

  test("two instances delivering the same outbox send each notification once", async () => {
    const channel = (await listAlertChannels()).items.find((c) => c.name === "Hook")!;
    const before = hook.received.length;
    for (let i = 0; i < 6; i += 1) await testAlertChannel(channel.id, admin, at());
    const [a, b] = await Promise.all([deliver("a", 5_000), deliver("b", 5_000)]);
    expect(a.sent + b.sent).toBe(6);
    expect(hook.received.length - before).toBe(6);
    expect(await deliver("a")).toEqual({ sent: 0, failed: 0 });
  });

  test("channel secrets are sealed at rest and never listed", async () => {
    const rows = await db().notificationChannel.findMany({ select: { secretCipher: true, config: true } });
    for (const row of rows) {
      expect(row.secretCipher).not.toContain(SECRET);
      expect(row.secretCipher).not.toContain("token=abc123");
      expect(row.config).not.toContain("token=abc123");
    }
    expect(JSON.stringify(await listAlertChannels())).not.toContain(SECRET);
    expect(JSON.stringify(await listAlertChannels())).not.toContain("abc123");
    expect(await db().auditEvent.count({ where: { action: "alert-channel.create" } })).toBe(3);
  });
});
