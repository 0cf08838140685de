// The demo branch's WAN cut end to end: the real poller on the demo fleet with a fixed clock, the
// site-outage rule, and real receivers on loopback (SMTP, a signed webhook, syslog over UDP).
// One cut fires one alert and one notification per channel; acknowledging stops repeats; the
// restore resolves it with its duration; a cut during a silence is recorded and sends nothing.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startDemoFleet, type DemoFleet } from "@/lib/server/demo/fleet";
import { BRANCH } from "@/lib/server/demo/branch";
import { listSources } from "@/lib/db/sources";
import { db } from "@/lib/db/client";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { pollSource } from "@/lib/inventory/poll";
import { deliverOutbox } from "./deliver";
import { evaluateAlerts } from "./evaluate";
import {
  acknowledgeAlert,
  createAlertChannel,
  createAlertRule,
  createSilence,
  listAlerts,
  listAlertChannels,
  endSilence,
} from "./service";
import { alertPayloadSchema } from "./message";
import { metricsText } from "@/lib/services/metrics";
import {
  startSmtpReceiver,
  startSyslogUdp,
  startWebhookReceiver,
  type SmtpReceiver,
  type SyslogReceiver,
  type WebhookReceiver,
} from "@/lib/testing/alert-receivers";

const admin = { actor: "admin@test" };
const SECRET = "a-webhook-secret-of-some-length";
let database: TestDatabase;
let fleet: DemoFleet;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;
let syslog: SyslogReceiver;
let ruleId: string;
let clock = Date.UTC(2026, 10, 22, 10, 0, 0);
const now = () => clock;

async function pollAll(kinds: ("cme" | "cucm")[] = ["cme", "cucm"]): Promise<void> {
  for (const source of await listSources()) {
    if (!kinds.includes(source.kind as "cme" | "cucm")) continue;
    const summary = await pollSource(source.id, { instanceId: "test", force: true, now });
    expect(summary.status, `${source.name}: ${summary.error}`).not.toBe("failed");
  }
}

const deliver = () => deliverOutbox({ now: new Date(clock), instanceId: "test", timeoutMs: 5_000 });
const outageNotifications = () =>
  db().notification.findMany({
    where: { payload: { contains: `"kind":"site-outage"` } },
    orderBy: { createdAt: "asc" },
  });
const outageAlerts = () => db().alert.findMany({ where: { ruleId } });

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  [smtp, hook, syslog] = await Promise.all([
    startSmtpReceiver({ user: "mailer", password: "smtp-pass-123" }),
    startWebhookReceiver(SECRET),
    startSyslogUdp(),
  ]);
  fleet = (await startDemoFleet({
    clusterDevices: 200,
    phonesPerRouter: 10,
    branchPhones: 12,
    clusterChurnMs: 3_600_000,
  }))!;
  ruleId = (
    await createAlertRule(
      {
        name: "Site outage",
        kind: "site-outage",
        enabled: true,
        severity: "critical",
        params: {},
        forSeconds: 0,
        repeatSeconds: 3600,
        channelIds: [],
      },
      admin,
    )
  ).id;
  await createAlertChannel(
    {
      kind: "email",
      name: "Mail",
      enabled: true,
      email: {
        host: "127.0.0.1",
        port: smtp.port,
        security: "none",
        username: "mailer",
        from: "linewatch@example.test",
        to: ["noc@example.test", "oncall@example.test"],
        allowSelfSigned: false,
      },
      password: "smtp-pass-123",
    },
    admin,
  );
  await createAlertChannel({ kind: "webhook", name: "Hook", enabled: true, url: hook.url, hmacSecret: SECRET }, admin);
  await createAlertChannel(
    {
      kind: "syslog",
      name: "SIEM",
      enabled: true,
      syslog: { host: "127.0.0.1", port: syslog.port, transport: "udp", facility: 16 },
    },
    admin,
  );
  await pollAll();
}, 120_000);

afterAll(async () => {
  await fleet?.stop();
  await Promise.all([smtp?.stop(), hook?.stop(), syslog?.stop()]);
  await database?.stop();
});

describe("the branch WAN cut", () => {
  test("nothing is alerting while the WAN is up", async () => {
    expect(await outageAlerts()).toHaveLength(0);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
  });

  test("a cut fires one alert and one notification per channel, delivered to every receiver", async () => {
    fleet.branch.cut();
    const cutAt = (clock += 120_000);
    await pollAll(["cucm"]);
    clock += 30_000;
    await pollAll(["cme"]);
    clock += 60_000;
    await pollAll(["cme"]);

    const alerts = await outageAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      subject: `site:${BRANCH.site}`,
      state: "firing",
      site: BRANCH.site,
      severity: "critical",
    });
    expect(alerts[0]!.startedAt.getTime()).toBe(cutAt);
    const notifications = await outageNotifications();
    expect(notifications.map((n) => n.event)).toEqual(["fired", "fired", "fired"]);
    expect(new Set(notifications.map((n) => n.channelId)).size).toBe(3);

    expect(await deliver()).toEqual({ sent: 3, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`[Linewatch] FIRING critical: Site outage - site ${BRANCH.site}`);
    expect(mail!.to).toEqual(["noc@example.test", "oncall@example.test"]);
    expect(mail!.text).toContain(`What happened: Site ${BRANCH.site}: 12 of 12 phones left registration at 10:02 UTC`);
    expect(mail!.text).toContain(`When: since ${new Date(cutAt).toISOString()}`);
    expect(mail!.text).toContain(`Affected: site ${BRANCH.site}`);
    expect(mail!.text).toContain("http://localhost:3000/alerts");
    expect(mail!.html).toContain("<h2>FIRING critical: Site outage - site");
    expect(mail!.html).toContain('<a href="http://localhost:3000/alerts">');

    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.signatureValid).toBe(true);
    const body = alertPayloadSchema.parse(hook.received[0]!.body);
    expect(body).toMatchObject({
      event: "fired",
      rule: { kind: "site-outage" },
      alerts: [{ subject: `site:${BRANCH.site}`, detail: { phones: 12 } }],
    });

    await expect.poll(() => syslog.lines.length).toBe(1);
    expect(syslog.lines[0]).toMatch(
      /^<130>1 2026-11-22T10:02:00\.000Z \S+ linewatch \d+ alert-fired \[linewatch@32473 event="fired" rule="Site outage" severity="critical" subject="site:Manchester" site="Manchester"\] FIRING critical: Site outage/,
    );

    const listed = await listAlerts({ state: "open", page: 1, pageSize: 50 }, new Date(clock));
    expect(listed.items.map((a) => a.subject)).toEqual([`site:${BRANCH.site}`]);
    expect(await metricsText(new Date(clock))).toContain(
      'linewatch_alerts{rule="Site outage",severity="critical",state="firing"} 1',
    );
    expect(
      (await listAlertChannels()).items.every(
        (c) => c.health.consecutiveFailures === 0 && c.health.lastSuccessAt !== null && c.health.pending === 0,
      ),
    ).toBe(true);
  });

  test("an unacknowledged alert repeats after its interval; acknowledging stops the repeats", async () => {
    const [alert] = await outageAlerts();
    await evaluateAlerts(new Date(alert!.firedAt!.getTime() + 3_600_000));
    expect((await outageNotifications()).filter((n) => n.event === "repeat")).toHaveLength(3);
    await acknowledgeAlert(alert!.id, "WAN provider ticket 4711", admin, new Date(clock));
    await evaluateAlerts(new Date(alert!.firedAt!.getTime() + 3 * 3_600_000));
    expect((await outageNotifications()).filter((n) => n.event === "repeat")).toHaveLength(3);
    const listed = await listAlerts({ state: "open", page: 1, pageSize: 50 });
    expect(listed.items[0]!.acknowledged).toMatchObject({ by: "admin@test", note: "WAN provider ticket 4711" });
    expect(await db().auditEvent.count({ where: { action: "alert.acknowledge" } })).toBe(1);
    await db().notification.deleteMany({ where: { event: "repeat" } });
  });

  test("restoring resolves it once, with its duration", async () => {
    fleet.branch.restore();
    const restoredAt = (clock += 120_000);
    await pollAll(["cucm"]);
    clock += 30_000;
    await pollAll(["cme"]);
    const [alert] = await outageAlerts();
    expect(alert).toMatchObject({ state: "resolved", openKey: null });
    expect(alert!.resolvedAt!.getTime()).toBe(restoredAt);
    expect((await outageNotifications()).filter((n) => n.event === "resolved")).toHaveLength(3);
    expect(await deliver()).toEqual({ sent: 3, failed: 0 });
    const mails = await smtp.waitFor(2);
    expect(mails[1]!.subject).toBe(`[Linewatch] RESOLVED critical: Site outage - site ${BRANCH.site}`);
    expect(mails[1]!.text).toMatch(/When: from \S+ to \S+ \(4 min\)/);
    const resolved = await listAlerts({ state: "resolved", page: 1, pageSize: 50 }, new Date(clock));
    expect(resolved.items[0]).toMatchObject({ state: "resolved", durationMinutes: 4 });
    expect(await metricsText(new Date(clock))).not.toContain('linewatch_alerts{rule="Site outage"');
  });

  test("a cut during a silence is recorded and sends nothing, neither firing nor resolution", async () => {
    const before = await db().notification.count();
    const silence = await createSilence(
      { site: BRANCH.site, endsAt: new Date(clock + 3_600_000).toISOString(), reason: "WAN maintenance" },
      admin,
      new Date(clock),
    );
    fleet.branch.cut();
    clock += 120_000;
    // The cluster alone sees the phones leave (and its simulator's own rate limit runs on the wall clock).
    await pollAll(["cucm"]);
    const open = (await outageAlerts()).filter((a) => a.state === "firing");
    expect(open).toHaveLength(1);
    expect(open[0]!.silenceId).toBe(silence.id);
    fleet.branch.restore();
    clock += 120_000;
    await pollAll(["cucm"]);
    expect((await outageAlerts()).filter((a) => a.state === "resolved")).toHaveLength(2);
    expect(await db().notification.count()).toBe(before);
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    await endSilence(silence.id, admin, new Date(clock));
    expect(smtp.mails).toHaveLength(2);
  });
});
