// The helpdesk's and managers' daily questions on the demo fleet: why a CME phone is down and
// acting on it from its page, reasons and statuses as filters, phones counted apart from the
// trunks and gateways listed in the Infrastructure view.
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { pollNow, simControl, sourceUrl } from "./sim";

test.describe.configure({ mode: "serial" });

interface Row {
  name: string;
  userName: string;
  protocol: string;
  keyPhone: boolean | null;
  registrationStatus: string;
}

test("a helpdesk user sees why a CME phone is down and acts on it from its page", async ({ page }) => {
  await signInAs(page, "helpdesk");
  const origin = new URL(page.url()).origin;
  const router = await sourceUrl(page.request, "Demo router Paris");
  await pollNow(page.request, origin, "Demo router Paris");
  const listed = await page.request.get(
    `/api/v1/phones?view=records&source=${router.id}&keyPhone=false&status=registered&protocol=SCCP&pageSize=200`,
  );
  const phone = ((await listed.json()).items as Row[]).find((p) => p.userName)!;
  expect(phone, "a registered SCCP phone with a user on the Paris router").toBeDefined();
  // The phone stops sending keepalives: the router calls it deceased.
  await simControl(page.request, router.url, { action: "setPhoneStatus", name: phone.name, status: "deceased" });
  await pollNow(page.request, origin, "Demo router Paris");

  await page.goto("/phones?status=not-registered");
  await expect(page.getByLabel("Status")).toHaveValue("not-registered");
  await page.getByRole("searchbox").first().fill(phone.name);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: phone.name }) });
  await expect(row).toContainText("Stopped sending keepalives");
  await row.getByRole("link", { name: phone.name }).click();

  const record = page.getByRole("region", { name: /Demo router Paris/ });
  await expect(record.getByText("Why:")).toBeVisible();
  await expect(record).toContainText("Stopped sending keepalives");
  // The user links to the CME users page for that router.
  await expect(record.getByRole("link", { name: phone.userName })).toHaveAttribute(
    "href",
    `/cme-users?router=${router.id}&user=${encodeURIComponent(phone.userName)}`,
  );

  await record.getByRole("button", { name: "Set as key phone" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Set as key phone?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(record).toContainText(`${phone.name} Set as key phone: done`);
  await expect
    .poll(() => simControl<boolean>(page.request, router.url, { action: "keyPhone", name: phone.name }))
    .toBe(true);

  await record.getByRole("button", { name: `Reset password of ${phone.userName}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  const shown = page.getByLabel(`New password for ${phone.userName}`);
  await expect(shown).toBeVisible();
  const password = (await shown.textContent())!.replace(/\s/g, "");
  expect(await simControl<string>(page.request, router.url, { action: "userPassword", userId: phone.userName })).toBe(
    password,
  );

  // Leave the demo as it was: not a key phone, registered again.
  await page.request.post(`/api/v1/sources/${router.id}/key-phones`, {
    data: { action: "unset", phones: [phone.name] },
    headers: { origin },
  });
  await simControl(page.request, router.url, { action: "setPhoneStatus", name: phone.name, status: "registered" });
  await pollNow(page.request, origin, "Demo router Paris");
});

test("a helpdesk user restarts a CME phone from its page and sees it come back", async ({ page }) => {
  await signInAs(page, "helpdesk");
  const origin = new URL(page.url()).origin;
  const router = await sourceUrl(page.request, "Demo router Paris");
  await pollNow(page.request, origin, "Demo router Paris");
  const listed = await page.request.get(
    `/api/v1/phones?view=records&source=${router.id}&status=registered&protocol=SCCP&sort=name&order=desc&pageSize=50`,
  );
  const phone = ((await listed.json()).items as Row[])[0]!;
  expect(phone, "a registered SCCP phone on the Paris router").toBeDefined();

  const cliSent = () => simControl<number>(page.request, router.url, { action: "requestCount", method: "ISexecCLI" });
  const before = await cliSent();
  await page.goto(`/phones/${phone.name}`);
  const record = page.getByRole("region", { name: /Demo router Paris/ });
  await record.getByRole("button", { name: "Restart phone" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Restart phone?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(record.getByRole("status")).toContainText(`restarted ${phone.name}: it re-registers`);
  // The router was told (its CLI), not only the page.
  expect(await cliSent()).toBe(before + 1);

  // The router dropped its registration; after the restart (seconds) it is back, seen at a poll.
  await pollNow(page.request, origin, "Demo router Paris");
  await expect
    .poll(
      async () => {
        await pollNow(page.request, origin, "Demo router Paris");
        const detail = await (await page.request.get(`/api/v1/phones/${phone.name}`)).json();
        const records = detail.records as { sourceId: string; registrationStatus: string }[];
        return records.find((r) => r.sourceId === router.id)?.registrationStatus;
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toBe("registered");
  await expect(record).toContainText("Registered");
});

test("an overview reason count opens exactly those phones, and statuses combine", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/overview");
  const reasons = page.getByRole("region", { name: "Not registered, by reason" });
  const item = reasons.getByRole("listitem").first();
  await expect(item).toBeVisible();
  const reason = (await item.locator("span[title]").first().getAttribute("title"))!;
  await item.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]reason=/);
  await expect(page.getByRole("button", { name: "Clear the reason filter" })).toContainText(reason);
  // Every phone listed is down for that reason (the demo churns, so the count may have moved on).
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  if (reason !== "No reason reported")
    for (const row of (await rows.all()).slice(1, 11)) await expect(row).toContainText(reason);

  await page.getByRole("button", { name: "Clear the reason filter" }).click();
  await expect(page).not.toHaveURL(/reason=/);
  await page.getByLabel("Status").selectOption("not-registered");
  await expect(page).toHaveURL(/status=not-registered/);
  const api = await page.request.get("/api/v1/phones?status=not-registered&pageSize=1");
  const { total } = (await api.json()) as { total: number };
  expect(total).toBeGreaterThan(0);
});

test("phones are counted apart from trunks and gateways, which the Infrastructure view lists", async ({ page }) => {
  await signInAs(page, "admin");
  // The cluster reports its trunks, gateways and media resources with its phones.
  await pollNow(page.request, new URL(page.url()).origin, "Demo cluster");
  const phones = (await (await page.request.get("/api/v1/phones?pageSize=1")).json()) as { total: number };
  const all = (await (await page.request.get("/api/v1/phones?class=all&pageSize=1")).json()) as { total: number };
  const infrastructure = (await (await page.request.get("/api/v1/phones?class=infrastructure&pageSize=1")).json()) as {
    total: number;
  };
  expect(infrastructure.total).toBeGreaterThan(0);
  expect(phones.total + infrastructure.total).toBe(all.total);

  await page.getByRole("link", { name: "Infrastructure", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Infrastructure" })).toBeVisible();
  await page.getByLabel("Type").selectOption({ label: "SIP trunk" });
  await expect(page).toHaveURL(/deviceClass=SIPTrunk/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toContainText("SIP trunk");

  await page.goto("/overview");
  await expect(page.getByRole("link", { name: /^Desk phones [<\d.]+ ?% registered/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Soft clients [<\d.]+ ?% signed in/ })).toBeVisible();
});

test("a manager reads the month's availability per site and takes it away as CSV", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.getByRole("link", { name: "Availability", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Availability" })).toBeVisible();
  // The worker samples the demo fleet from its start: this month has figures.
  const table = page.getByRole("table", { name: /Availability per site and per source/ });
  await expect(table.getByRole("link", { name: "Whole fleet" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Whole fleet: [\d.]+ % available$/ })).toBeVisible();
  const site = table
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: "Site", exact: true }) })
    .first()
    .getByRole("link");
  const name = (await site.textContent())!;
  await site.click();
  await expect(page).toHaveURL(/scope=site/);
  await expect(page.getByRole("heading", { name: new RegExp(`^${name}: [\\d.]+ % available$`) })).toBeVisible();
  const csv = await page.request.get((await page.getByRole("link", { name: "Export CSV" }).getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "month,timeZone,kind,name,availablePercent,inFallbackPercent,phoneHours,coveredHours,hoursInMonth",
  );
  expect(lines.some((line) => line.includes(`,site,${name},`))).toBe(true);
});

test("a helpdesk user finds a CME user in the router's list and looks them up", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await pollNow(page.request, new URL(page.url()).origin, "Demo router Leeds");
  await page.getByRole("link", { name: "CME users", exact: true }).click();
  await page
    .getByLabel("Router", { exact: true })
    .selectOption({ label: "Demo router Leeds (CME 2008 replies) (Leeds)" });
  const users = page.getByRole("region", { name: /^Users on Demo router Leeds/ });
  await expect(users.getByRole("table")).toBeVisible();
  await users.getByRole("searchbox", { name: "Search users" }).fill("chad");
  const row = users.getByRole("row").filter({ hasText: "chaddad" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link").first()).toHaveAttribute("href", /^\/phones\/SEP/);
  await row.getByRole("button", { name: "Look up chaddad" }).click();
  await expect(page.getByText(/ephone user/i).first()).toBeVisible();
});

test("a helpdesk user pastes a list from a ticket and sees each phone's state, and what was not found", async ({
  page,
}) => {
  await signInAs(page, "helpdesk");
  await page.goto("/phones");
  await page.getByText("Look up a list").click();
  await page.getByLabel(/MACs \(any notation\), device names/).fill("000d.ed93.980b\nSEP999999999999, nobody-here");
  await page.getByRole("button", { name: "Look up", exact: true }).click();
  const results = page.getByRole("table", { name: "What each item of the list matched" });
  await expect(results.getByRole("row").filter({ hasText: "000d.ed93.980b" })).toContainText("SEP000DED93980B");
  await expect(page.getByRole("status").filter({ hasText: "Not found (2)" })).toContainText(
    "SEP999999999999, nobody-here",
  );
});

test.describe("in Chicago", () => {
  test.use({ timezoneId: "America/Chicago" });

  test("a manager reads a site's trend in their own time zone, from a fresh chart that is never empty", async ({
    page,
  }) => {
    await signInAs(page, "viewer");
    await page.goto("/overview");
    const trendFor = page.getByLabel("Trend for");
    // The sites come with the overview's figures.
    await expect(trendFor.locator("option", { hasText: /^Site / }).first()).toBeAttached();
    const site = (await trendFor.locator("option").allTextContents()).find((label) => label.startsWith("Site "))!;
    expect(site, "a site in the demo fleet").toBeDefined();
    await trendFor.selectOption({ label: site });
    await expect(page).toHaveURL(/scope=site%3A|scope=site:/);
    const trend = page.getByRole("region", { name: `${site}: trend over the last 24 hours` });
    await expect(trend).toContainText("times in America/Chicago");
    // The last point is now: at least one figure, even on a fresh install.
    await expect(trend.getByRole("img").first()).toBeVisible();
    // The period lives in the URL: the radio turns checked once the page follows it.
    await page.getByRole("radio", { name: "90 days" }).click({ force: true });
    await expect(page).toHaveURL(/range=90d/);
    await expect(page.getByRole("region", { name: `${site}: trend over the last 90 days` })).toBeVisible();
  });

  test("an admin fixes the organisation's time zone: trends and the availability month follow it for everyone", async ({
    page,
  }) => {
    await signInAs(page, "admin");
    await page.goto("/sites");
    const section = page.getByRole("form", { name: "Time zone for trends and reports" });
    await expect(section).toContainText("yours is America/Chicago");
    try {
      await section.getByLabel("Organisation time zone").selectOption("Asia/Tokyo");
      await section.getByRole("button", { name: "Save time zone" }).click();
      await expect(section.getByRole("status")).toHaveText("Saved.");
      await expect(section).toContainText("Now: Asia/Tokyo (chosen by an administrator)");

      // A browser in Chicago now reads Tokyo's days.
      await page.goto("/overview");
      await expect(page.getByRole("region", { name: /trend over the last/ })).toContainText("times in Asia/Tokyo");
      await page.goto("/availability");
      await expect(page.getByText("Days from midnight in Asia/Tokyo")).toBeVisible();
    } finally {
      await page.goto("/sites");
      await section.getByLabel("Organisation time zone").selectOption("");
      await section.getByRole("button", { name: "Save time zone" }).click();
      await expect(section).toContainText("Now: each viewer's own (chosen by an administrator)");
    }
    await page.goto("/overview");
    await expect(page.getByRole("region", { name: /trend over the last/ })).toContainText("times in America/Chicago");
  });
});

test("'/' puts the cursor in the search box and Ctrl-K jumps to a phone, a site or a page", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/phones");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox").first()).toBeFocused();

  await page.keyboard.press("Escape");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Jump to" });
  await expect(palette).toBeVisible();
  await page.keyboard.type("availab");
  await expect(palette.getByRole("option", { name: /Availability/ })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/availability/);

  await page.keyboard.press("Control+k");
  await page.keyboard.type("SEP000DED93980B");
  const phone = page.getByRole("dialog", { name: "Jump to" }).getByRole("option", { name: /SEP000DED93980B/ });
  await expect(phone).toBeVisible();
  await phone.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("SEP000DED93980B");
});
