import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "./helpers";

const sections = {
  admin: ["Overview", "Phones", "Key phones", "CME users", "Sources", "Users", "Audit"],
  helpdesk: ["Overview", "Phones", "Key phones", "CME users"],
  viewer: ["Overview", "Phones", "Extensions", "CTI apps", "Sources"],
};
const hidden = {
  admin: [] as string[],
  helpdesk: ["Users", "Audit"],
  viewer: ["Key phones", "CME users", "Users", "Audit"],
};

for (const role of ["admin", "helpdesk", "viewer"] as const) {
  test(`${role} signs in and sees the sections of the role`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page).toHaveURL(/\/overview$/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of sections[role]) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    for (const name of hidden[role]) await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
  });
}

test("a wrong password shows the one generic message", async ({ page }) => {
  await signIn(page, { email: "viewer@e2e.test", password: "not the password" });
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/Email or password is incorrect/);
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, { email: "nobody@e2e.test", password: "not the password" });
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/Email or password is incorrect/);
});

test("sign out ends the session", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/signin/);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
});

test("a viewer is refused on the Users page and by the API", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add user" })).toHaveCount(0);
  const list = await page.request.get("/api/v1/users");
  expect(list.status()).toBe(403);
  expect((await list.json()).error.code).toBe("forbidden");
});

test("the API answers 401 with the envelope and publishes its OpenAPI document", async ({ request }) => {
  const me = await request.get("/api/v1/me");
  expect(me.status()).toBe(401);
  expect(await me.json()).toMatchObject({ error: { code: "unauthenticated" } });
  const doc = await request.get("/api/v1/openapi.json");
  expect((await doc.json()).openapi).toBe("3.1.0");
});
