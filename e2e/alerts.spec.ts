// Alerting as an admin meets it: a rule and an email channel (to a real SMTP server this spec
// runs on loopback) set up on the Alerts page, the demo branch WAN cut, the alert on the Alerts
// page, acknowledged with a note, and the mail at the SMTP server.
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { pollNow } from "./sim";
import { startSmtpReceiver, type SmtpReceiver } from "@/lib/testing/alert-receivers";

test.describe.configure({ mode: "serial" });

const ROUTER = "Demo SRST router Manchester";
const RULE = "Manchester outage (e2e)";
let smtp: SmtpReceiver;

test.beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
test.afterAll(async () => {
  await smtp?.stop();
});

test("an admin's rule and email channel: the WAN cut shows on the Alerts page, is acknowledged, and the mail arrives", async ({
  page,
}) => {
  test.setTimeout(400_000);
  await signInAs(page, "admin");
  const origin = new URL(page.url()).origin;
  await pollNow(page.request, origin, "Demo cluster");
  await pollNow(page.request, origin, ROUTER);

  await page.getByRole("link", { name: "Alerts", exact: true }).click();
  const ruleForm = page.getByRole("form", { name: "New alert rule" });
  await ruleForm.getByLabel("Rule name").fill(RULE);
  await ruleForm.getByLabel("Kind").selectOption("site-outage");
  await ruleForm.getByLabel("Severity").selectOption("critical");
  await ruleForm.getByLabel("Parameters (JSON)").fill('{"filter": {"sites": ["Manchester"]}}');
  await ruleForm.getByRole("button", { name: "Add rule" }).click();
  await expect(
    page.getByRole("table", { name: "Alert rules" }).getByRole("row").filter({ hasText: RULE }),
  ).toBeVisible();

  const channelForm = page.getByRole("form", { name: "New channel" });
  await channelForm.getByLabel("Channel name").fill("NOC mail");
  await channelForm.getByLabel("Channel kind").selectOption("email");
  await channelForm.getByLabel("SMTP host").fill("127.0.0.1");
  await channelForm.getByLabel("Port", { exact: true }).fill(String(smtp.port));
  await channelForm.getByLabel("Security").selectOption("none");
  await channelForm.getByLabel("From", { exact: true }).fill("linewatch@example.test");
  await channelForm.getByLabel("To", { exact: true }).fill("noc@example.test");
  await channelForm.getByRole("button", { name: "Add channel" }).click();
  await expect(
    page.getByRole("table", { name: "Notification channels" }).getByRole("row").filter({ hasText: "NOC mail" }),
  ).toBeVisible();

  await page.goto("/sites");
  await page.getByRole("button", { name: "Cut the Manchester WAN" }).click();
  await expect(page.getByText("WAN now: cut")).toBeVisible();
  await pollNow(page.request, origin, "Demo cluster");
  await pollNow(page.request, origin, ROUTER);

  await page.goto("/alerts");
  const open = page.getByRole("table", { name: "Open alerts, newest first" });
  const row = open.getByRole("row").filter({ hasText: RULE });
  await expect(row).toContainText("Site Manchester:");
  await row.getByRole("button", { name: `Acknowledge ${RULE}: site:Manchester` }).click();
  await row.getByLabel("Acknowledgement note").fill("WAN provider ticket 4711");
  await row.getByRole("button", { name: "Confirm acknowledge" }).click();
  await expect(row).toContainText("Acknowledged by");
  await expect(row).toContainText("WAN provider ticket 4711");

  // The scheduler's worker delivers the outbox every few seconds.
  await expect.poll(() => smtp.mails.filter((m) => m.subject.includes(RULE)).length, { timeout: 60_000 }).toBe(1);
  const mail = smtp.mails.find((m) => m.subject.includes(RULE))!;
  expect(mail.subject).toBe(`[Linewatch] FIRING critical: ${RULE} - site Manchester`);
  expect(mail.to).toEqual(["noc@example.test"]);
  expect(mail.text).toContain("What happened: Site Manchester:");
  expect(mail.text).toContain(`Open in Linewatch: ${origin}/alerts`);
  expect(mail.html).toContain("Open in Linewatch</a>");
});

test("restoring the WAN resolves the alert", async ({ page }) => {
  test.setTimeout(400_000);
  await signInAs(page, "admin");
  const origin = new URL(page.url()).origin;
  await page.goto("/sites");
  await page.getByRole("button", { name: "Restore the Manchester WAN" }).click();
  await expect(page.getByText("WAN now: up")).toBeVisible();
  await pollNow(page.request, origin, "Demo cluster");
  await pollNow(page.request, origin, ROUTER);
  await page.goto("/alerts");
  await expect(
    page.getByRole("table", { name: "Resolved alerts, newest first" }).getByRole("row").filter({ hasText: RULE }),
  ).toContainText("Resolved");
  await expect
    .poll(
      () => smtp.mails.filter((m) => m.subject === `[Linewatch] RESOLVED critical: ${RULE} - site Manchester`).length,
      { timeout: 60_000 },
    )
    .toBe(1);
});
