import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./helpers";

test("an admin creates a user, sees the audit row, and the new user can sign in", async ({ page, browser }) => {
  const email = `new.person.${Date.now()}@e2e.test`;
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Users", exact: true }).click();
  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("New Person");
  await form.getByLabel("Role").selectOption("helpdesk");
  await form.getByRole("button", { name: "Add user" }).click();

  await expect(page.getByLabel(`Initial password for ${email}`)).toBeVisible();
  const password = (await page.getByLabel(`Initial password for ${email}`).textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Audit", exact: true }).click();
  await page.getByLabel("Action").fill("user.create");
  await expect(page).toHaveURL(/[?&]action=user\.create(&|$)/);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row).toContainText("admin@e2e.test");
  await expect(row).toContainText("success");

  const other = await browser.newPage();
  await signIn(other, { email, password });
  await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Key phones" })).toBeVisible();
  await other.close();
});

test("disabling a user ends their open session at the next request", async ({ page, browser }) => {
  const email = `to.disable.${Date.now()}@e2e.test`;
  await signInAs(page, "admin");
  const created = await page.request.post("/api/v1/users", {
    data: { email, name: "Soon Disabled", role: "viewer" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(created.status()).toBe(201);
  const { user, initialPassword } = await created.json();

  const victim = await browser.newPage();
  await signIn(victim, { email, password: initialPassword });
  await expect(victim.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.goto("/users");
  await page.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${email} disabled` })).toBeVisible();

  expect((await victim.request.get("/api/v1/me")).status()).toBe(401);
  await victim.goto("/overview");
  await expect(victim).toHaveURL(/\/signin/);
  await victim.close();
  expect(user.email).toBe(email);
});
