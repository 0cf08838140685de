// Every page as an admin sees it: no serious or critical accessibility violation (axe-core), and
// a full-page screenshot kept under test-results/screenshots for review.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const pages = [
  { path: "/overview", heading: "Overview" },
  { path: "/availability", heading: "Availability" },
  { path: "/phones", heading: "Phones" },
  // A demo router's phone: the inventory spec (run earlier) polled the routers.
  { path: "/phones/SEP000DED93980B", heading: "SEP000DED93980B" },
  { path: "/infrastructure", heading: "Infrastructure" },
  { path: "/extensions", heading: "Extensions" },
  { path: "/key-phones", heading: "Key phones" },
  { path: "/cme-users", heading: "CME users" },
  { path: "/cti-apps", heading: "CTI apps" },
  { path: "/sites", heading: "Sites" },
  { path: "/sources", heading: "Sources" },
  { path: "/users", heading: "Users" },
  { path: "/audit", heading: "Audit" },
];

async function checkAccessibility(page: import("@playwright/test").Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
    name,
  ).toEqual([]);
}

test("the sign-in page is accessible", async ({ page }) => {
  await page.goto("/signin");
  await checkAccessibility(page, "signin");
  await page.screenshot({ path: "test-results/screenshots/signin.png", fullPage: true });
});

for (const { path, heading } of pages) {
  test(`${path} is accessible and screenshotted`, async ({ page }) => {
    await signIn(page, "admin");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).filter({ hasText: heading })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await checkAccessibility(page, path);
    // At 1,280 px nothing makes the page scroll sideways (wide tables scroll inside their box).
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide at 1,280`).toBeLessThanOrEqual(1280);
    await page.screenshot({
      path: `test-results/screenshots/${path.slice(1).replace(/\//g, "-")}.png`,
      fullPage: true,
    });
  });
}
