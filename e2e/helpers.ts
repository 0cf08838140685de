import { expect, type Page } from "@playwright/test";
import { people } from "./people.mjs";

export type RoleName = keyof typeof people;

export async function signIn(page: Page, who: RoleName | { email: string; password: string }) {
  const person = typeof who === "string" ? people[who] : who;
  await page.goto("/signin");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, role: RoleName) {
  await signIn(page, role);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}
