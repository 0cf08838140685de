// Each rule kind against a seeded inventory and a fixed clock: registration drop (soft clients
// left out), key and critical phones ("not alerting" honoured, grouped into one message), source
// health with "for at least", CTI applications with repeats that acknowledging stops, flapping.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { ctiAppRow, deviceRow, healthRow, seedInventory, sourceRow, statusChange } from "@/lib/testing/seed-inventory";
import { insertInventory } from "@/lib/db/inventory-seed";
import { db } from "@/lib/db/client";
import { setAlertMark } from "@/lib/db/alerts";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { evaluateAlerts } from "./evaluate";
import { acknowledgeAlert, createAlertChannel, createAlertRule, createSilence } from "./service";
import type { RuleInput } from "@/lib/domain/alert-rules";
import { ensureDefaultAlertRules } from "./defaults";

const admin = { actor: "admin@test" };
let database: TestDatabase;
const t0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const source = sourceRow({ id: "src-leeds", name: "leeds", site: "Leeds", pollIntervalS: 60 });
const sourceId = "src-leeds";

const rule = async (input: Partial<RuleInput> & Pick<RuleInput, "name" | "kind">) =>
  (
    await createAlertRule(
      { enabled: true, severity: "warning", params: {}, forSeconds: 0, repeatSeconds: 0, channelIds: [], ...input },
      admin,
    )
  ).id;
const alertsOf = (ruleId: string) => db().alert.findMany({ where: { ruleId }, orderBy: { subject: "asc" } });
const notificationsOf = async (ruleId: string) =>
  (await db().notification.findMany({ orderBy: { createdAt: "asc" } })).filter(
    (n) => (JSON.parse(n.payload) as { rule: { id: string } }).rule.id === ruleId,
  );
const setStatus = (names: string[], effectiveStatus: string, leftAt: Date | null) =>
  db().device.updateMany({
    where: { name: { in: names }, listing: "shown" },
    data: { effectiveStatus, leftRegisteredAt: leftAt },
  });

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  const phones = Array.from({ length: 20 }, (_, i) =>
    deviceRow(sourceId, { name: `SEP0000000000${String(i).padStart(2, "0")}`, model: "Cisco 8845", site: "Leeds" }),
  );
  const jabber = Array.from({ length: 5 }, (_, i) =>
    deviceRow(sourceId, { name: `CSFUSER${i}`, model: "Cisco Unified Client Services Framework", site: "Leeds" }),
  );
  const keyed = [
    deviceRow(sourceId, { name: "SEPAAAA00000001", model: "Cisco 7841", keyPhone: true, description: "Lobby" }),
    deviceRow(sourceId, { name: "SEPAAAA00000003", model: "Cisco 7841", keyPhone: true }),
  ];
  const critical = deviceRow(sourceId, { name: "SEPBBBB00000002", model: "Cisco 7821", description: "Lift 2" });
  await seedInventory(
    {
      sources: [source],
      health: [healthRow(sourceId, { lastSuccessAt: at(0), lastAttemptAt: at(0) })],
      devices: [...phones, ...jabber, ...keyed, critical],
    },
    at(0),
  );
  await createAlertChannel(
    {
      kind: "syslog",
      name: "SIEM",
      enabled: true,
      syslog: { host: "127.0.0.1", port: 9, transport: "udp", facility: 16 },
    },
    admin,
  );
});
afterAll(async () => {
  await database?.stop();
});

describe("rule kinds", () => {
  test("registration drop: a site falling 15 points fires after its 'for at least', soft clients not counted", async () => {
    const id = await rule({
      name: "Drop",
      kind: "registration-drop",
      params: { dropPoints: 10, windowMinutes: 15, scope: "site" },
      forSeconds: 120,
    });
    await evaluateAlerts(at(0));
    await setStatus(["CSFUSER0", "CSFUSER1", "CSFUSER2", "CSFUSER3", "CSFUSER4"], "unregistered", at(30));
    await evaluateAlerts(at(40));
    expect(await alertsOf(id)).toHaveLength(0); // Jabber signing off is not a drop
    await setStatus(["SEP000000000000", "SEP000000000001", "SEP000000000002"], "unregistered", at(50));
    await evaluateAlerts(at(60));
    expect((await alertsOf(id)).map((a) => a.state)).toEqual(["pending"]);
    expect(await notificationsOf(id)).toHaveLength(0);
    await evaluateAlerts(at(200));
    const [alert] = await alertsOf(id);
    expect(alert).toMatchObject({ state: "firing", subject: "site:Leeds" });
    expect(alert!.summary).toBe("Registered phones in site Leeds fell from 100% to 87% (20 of 23) within 15 min.");
    expect(await notificationsOf(id)).toHaveLength(1);
    await setStatus(["SEP000000000000", "SEP000000000001", "SEP000000000002"], "registered", null);
    await evaluateAlerts(at(260));
    expect((await alertsOf(id))[0]!.state).toBe("resolved");
    await db().alertRule.update({ where: { id }, data: { enabled: false } });
  });

  test("registration drop filtered to a source counts that source's phones", async () => {
    const id = await rule({
      name: "Drop (Leeds router)",
      kind: "registration-drop",
      params: { dropPoints: 10, windowMinutes: 15, scope: "fleet", filter: { sources: ["leeds"] } },
    });
    // Samples are taken every 30 s: the drop test's last one was at 260 s.
    await evaluateAlerts(at(300));
    await setStatus(["SEP000000000000", "SEP000000000001", "SEP000000000002"], "unregistered", at(310));
    await evaluateAlerts(at(340));
    const [alert] = await alertsOf(id);
    expect(alert).toMatchObject({ state: "firing", subject: "fleet" });
    expect(alert!.summary).toBe("Registered phones in the fleet fell from 100% to 87% (20 of 23) within 15 min.");
    await setStatus(["SEP000000000000", "SEP000000000001", "SEP000000000002"], "registered", null);
    await evaluateAlerts(at(380));
    expect((await alertsOf(id))[0]!.state).toBe("resolved");
    await db().alertRule.update({ where: { id }, data: { enabled: false } });
  });

  test("key and critical phones: one grouped message for both; a 'not alerting' phone is left out; a blip shorter than 'for at least' is nothing", async () => {
    const id = await rule({ name: "Key phones", kind: "key-phone", severity: "critical", forSeconds: 300 });
    await setAlertMark({ kind: "device", name: "SEPBBBB00000002", critical: true, notAlerting: false }, admin);
    await setAlertMark({ kind: "device", name: "SEPAAAA00000003", critical: false, notAlerting: true }, admin);
    await setStatus(["SEPAAAA00000001", "SEPBBBB00000002", "SEPAAAA00000003"], "unregistered", at(1000));
    await evaluateAlerts(at(1100));
    expect((await alertsOf(id)).map((a) => `${a.subject}:${a.state}`)).toEqual([
      "device:SEPAAAA00000001:pending",
      "device:SEPBBBB00000002:pending",
    ]);
    await evaluateAlerts(at(1301));
    expect((await alertsOf(id)).map((a) => a.state)).toEqual(["firing", "firing"]);
    const sent = await notificationsOf(id);
    expect(sent).toHaveLength(1);
    expect((JSON.parse(sent[0]!.payload) as { alerts: unknown[] }).alerts).toHaveLength(2);
    // Back, then out again for a moment: the pending alert is dropped without a word.
    await setStatus(["SEPAAAA00000001", "SEPBBBB00000002", "SEPAAAA00000003"], "registered", null);
    await evaluateAlerts(at(1400));
    await setStatus(["SEPAAAA00000001"], "unregistered", at(1450));
    await evaluateAlerts(at(1460));
    await setStatus(["SEPAAAA00000001"], "registered", null);
    await evaluateAlerts(at(1520));
    expect((await alertsOf(id)).map((a) => a.state)).toEqual(["resolved", "resolved"]);
    expect((await notificationsOf(id)).map((n) => n.event)).toEqual(["fired", "resolved"]);
  });

  test("source health: unreachable for 10 minutes fires; recovering resolves", async () => {
    const id = await rule({
      name: "Sources",
      kind: "source-health",
      params: { conditions: ["unreachable", "auth-failed", "stale"] },
      forSeconds: 600,
    });
    await db().sourceHealth.update({
      where: { sourceId },
      data: { status: "unreachable", lastError: "Connection refused", lastSuccessAt: at(1990) },
    });
    await evaluateAlerts(at(2000));
    await evaluateAlerts(at(2300));
    expect((await alertsOf(id)).map((a) => a.state)).toEqual(["pending"]);
    await evaluateAlerts(at(2600));
    const [alert] = await alertsOf(id);
    expect(alert).toMatchObject({
      state: "firing",
      subject: `source:${sourceId}`,
      summary: "Source leeds is unreachable, stale (no successful poll for two intervals): Connection refused",
    });
    await db().sourceHealth.update({
      where: { sourceId },
      data: { status: "ok", lastError: null, lastSuccessAt: at(2650) },
    });
    await evaluateAlerts(at(2660));
    expect((await alertsOf(id))[0]!.state).toBe("resolved");
    await db().alertRule.update({ where: { id }, data: { enabled: false } });
  });

  test("CTI application OpenFailed: fires from when it failed, repeats until acknowledged", async () => {
    const id = await rule({
      name: "CTI",
      kind: "cti-app",
      params: { statuses: ["open-failed"] },
      forSeconds: 300,
      repeatSeconds: 600,
    });
    await insertInventory({
      ctiApps: [
        ctiAppRow(sourceId, {
          appId: "recorder",
          userId: "rec",
          status: "open-failed",
          reason: "Authentication failed",
          statusChangedAt: at(2700),
        }),
      ],
    });
    await evaluateAlerts(at(3100));
    expect((await alertsOf(id))[0]).toMatchObject({
      state: "firing",
      summary: "CTI application recorder (rec) on leeds is open-failed: Authentication failed",
    });
    await evaluateAlerts(at(3500));
    expect((await notificationsOf(id)).map((n) => n.event)).toEqual(["fired"]);
    await evaluateAlerts(at(3700));
    expect((await notificationsOf(id)).map((n) => n.event)).toEqual(["fired", "repeat"]);
    await acknowledgeAlert((await alertsOf(id))[0]!.id, "vendor called", admin, at(3710));
    await evaluateAlerts(at(5000));
    expect((await notificationsOf(id)).map((n) => n.event)).toEqual(["fired", "repeat"]);
  });

  test("flapping: more than N status changes in an hour", async () => {
    const id = await rule({ name: "Flapping", kind: "flapping", params: { changesPerHour: 6 } });
    const changes = Array.from({ length: 7 }, (_, i) =>
      statusChange(
        sourceId,
        "SEP000000000010",
        at(4000 + i * 60),
        i % 2 ? "unregistered" : "registered",
        i % 2 ? "registered" : "unregistered",
      ),
    );
    await insertInventory({ changes: changes.slice(0, 6) });
    await evaluateAlerts(at(4500));
    expect(await alertsOf(id)).toHaveLength(0);
    await insertInventory({ changes: changes.slice(6) });
    await evaluateAlerts(at(4500));
    expect((await alertsOf(id))[0]).toMatchObject({
      state: "firing",
      subject: "device:SEP000000000010",
      site: "Leeds",
    });
  });

  test("an alert that fired during a silence is sent once the silence ends, and then its resolution", async () => {
    const id = await rule({ name: "Lift", kind: "key-phone", params: { includeCritical: true }, forSeconds: 0 });
    const silence = await createSilence(
      { ruleId: id, endsAt: at(6300).toISOString(), startsAt: at(5900).toISOString(), reason: "lift service" },
      admin,
      at(5900),
    );
    await setStatus(["SEPBBBB00000002"], "unregistered", at(5950));
    await evaluateAlerts(at(6000));
    expect((await alertsOf(id))[0]).toMatchObject({ state: "firing", silenceId: silence.id, lastNotifiedAt: null });
    expect(await notificationsOf(id)).toHaveLength(0);
    await evaluateAlerts(at(6400));
    expect((await notificationsOf(id)).map((n) => n.event)).toEqual(["fired"]);
    await setStatus(["SEPBBBB00000002"], "registered", null);
    await evaluateAlerts(at(6500));
    expect((await notificationsOf(id)).map((n) => n.event)).toEqual(["fired", "resolved"]);
  });

  test("the defaults are created once per installation", async () => {
    expect(await ensureDefaultAlertRules()).toBe(0); // rules exist already: the admin's own are kept
    await db().setting.deleteMany({ where: { key: "alerts.defaultRulesCreated" } });
    await db().alertRule.deleteMany({});
    expect(await ensureDefaultAlertRules()).toBe(5);
    expect(await ensureDefaultAlertRules()).toBe(0);
    await db().alertRule.deleteMany({});
    expect(await ensureDefaultAlertRules()).toBe(0);
  });
});
