// The helpdesk's write flows against the demo routers, checked in the UI and in the simulator.
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { pollNow, simControl, sourceUrl } from "./sim";

const ROUTER = "Demo router Leeds (CME 2008 replies) (Leeds)";
const PHONE = "SEP000DED93980B"; // seeded as not a key phone
const CME_USER = "chaddad";

test("a helpdesk user sets a key phone and unsets it again", async ({ page }) => {
  await signInAs(page, "helpdesk");
  const router = await sourceUrl(page.request, "Demo router Leeds");
  expect(await simControl<boolean>(page.request, router.url, { action: "keyPhone", name: PHONE })).toBe(false);

  await page.getByRole("link", { name: "Key phones", exact: true }).click();
  await page.getByLabel("Router", { exact: true }).selectOption({ label: ROUTER });
  const checkbox = page.getByRole("checkbox", { name: `Key phone ${PHONE}` });
  await checkbox.check();
  await page.getByRole("button", { name: "Set key phone", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Set key phone?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status", { name: "Result" })).toContainText(`${PHONE} Set as key phone: done`);
  await expect
    .poll(() => simControl<boolean>(page.request, router.url, { action: "keyPhone", name: PHONE }))
    .toBe(true);

  await page.getByRole("checkbox", { name: `Key phone ${PHONE}` }).check();
  await page.getByRole("button", { name: "Unset key phone", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  await expect
    .poll(() => simControl<boolean>(page.request, router.url, { action: "keyPhone", name: PHONE }))
    .toBe(false);
});

test("the key-phone page opens on a router that has key phones, and saving the configuration asks first", async ({
  page,
}) => {
  await signInAs(page, "admin");
  const origin = new URL(page.url()).origin;
  // Stored inventory says which routers have key phones; the SRST branch router, first by name, has none.
  for (const name of ["Demo SRST router Manchester", "Demo router Leeds", "Demo router Paris"])
    await pollNow(page.request, origin, name);
  await page.goto("/key-phones");
  await expect(page.getByRole("heading", { name: /^Phones on Demo router (Leeds|Paris)/ })).toBeVisible();
  await expect(page.getByText("key phone", { exact: true }).first()).toBeVisible();

  const save = page.getByRole("button", { name: "Save configuration" });
  await save.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Save configuration?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("status", { name: "Result" })).toHaveText("");
  await save.click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status", { name: "Result" })).toContainText(/Saved|Save delayed/);
});

test("a helpdesk user resets a CME user's password and the router accepts exactly that password", async ({ page }) => {
  await signInAs(page, "helpdesk");
  const router = await sourceUrl(page.request, "Demo router Leeds");
  const before = await simControl<string>(page.request, router.url, { action: "userPassword", userId: CME_USER });

  await page.getByRole("link", { name: "CME users", exact: true }).click();
  await page.getByLabel("Router", { exact: true }).selectOption({ label: ROUTER });
  // The choice goes through the URL: wait for the Leeds panel, or the text typed into the one it
  // replaces is lost.
  await expect(page.getByRole("region", { name: /^Phone users on Demo router Leeds/ })).toBeVisible();
  await page.getByLabel("User ID").fill(CME_USER);
  await page.getByRole("button", { name: "Look up", exact: true }).click();
  await expect(page.getByText(/ephone user/i).first()).toBeVisible();
  await page.getByRole("button", { name: "Reset password", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  const shown = page.getByLabel(`New password for ${CME_USER}`);
  await expect(shown).toBeVisible();
  const password = (await shown.textContent())!.trim();
  // Keyed in on a phone: 16 lower-case letters and digits without look-alikes, read off in fours.
  expect(password).toMatch(/^[a-hjkmnp-z2-9]{16}$/);
  await expect(shown.locator("span")).toHaveText([0, 4, 8, 12].map((i) => password.slice(i, i + 4)));
  const after = await simControl<string>(page.request, router.url, { action: "userPassword", userId: CME_USER });
  expect(after).toBe(password);
  expect(after).not.toBe(before);
});

test("a viewer sees no write controls and the API refuses the writes anyway", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/key-phones");
  await expect(page.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Set key phone", exact: true })).toHaveCount(0);
  await page.goto("/cme-users");
  await expect(page.getByRole("button", { name: "Reset password" })).toHaveCount(0);
  const router = await sourceUrl(page.request, "Demo router Leeds");
  const origin = new URL(page.url()).origin;
  const write = await page.request.post(`/api/v1/sources/${router.id}/key-phones`, {
    data: { action: "set", phones: [PHONE] },
    headers: { origin },
  });
  expect(write.status()).toBe(403);
  const reset = await page.request.post(`/api/v1/sources/${router.id}/cme-users/${CME_USER}/reset-password`, {
    headers: { origin },
  });
  expect(reset.status()).toBe(403);
});
