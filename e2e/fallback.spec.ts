// SRST fallback in the demo, as an admin and a helpdesk person meet it: cutting the Manchester
// branch's WAN on the Sites page shows, after one poll of the cluster and of the branch router, one
// site event on the overview and the branch's phones as "In fallback on" the router.
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { pollNow } from "./sim";

test.describe.configure({ mode: "serial" });

const ROUTER = "Demo SRST router Manchester";
const BRANCH_PHONES = 24;

test("cutting the branch WAN shows one site event and the branch's phones in fallback on their router", async ({
  page,
}) => {
  test.setTimeout(400_000);
  await signInAs(page, "admin");
  const origin = new URL(page.url()).origin;
  // Linewatch must know the branch's phones as registered on the cluster before the cut.
  await pollNow(page.request, origin, "Demo cluster");
  await pollNow(page.request, origin, ROUTER);

  await page.getByRole("link", { name: "Sites", exact: true }).click();
  await page.getByRole("button", { name: "Cut the Manchester WAN" }).click();
  await expect(page.getByText("WAN now: cut")).toBeVisible();

  await pollNow(page.request, origin, "Demo cluster");
  await pollNow(page.request, origin, ROUTER);

  // A fresh load: the overview refreshes itself every 30 s, the polls just ran.
  await page.goto("/overview");
  const events = page.getByRole("region", { name: /Site outages/ });
  await expect(events).toContainText(`Site Manchester: ${BRANCH_PHONES} of ${BRANCH_PHONES} phones left registration`);
  await expect(events).toContainText(`${BRANCH_PHONES} now in fallback on ${ROUTER}`);
  // Exactly one open event (an earlier spec's cut may have left an ended one in the list).
  const open = events.getByRole("listitem").filter({ hasText: "still out" });
  await expect(open).toHaveCount(1);

  await open.getByRole("link", { name: "Phones in fallback" }).click();
  await expect(page).toHaveURL(/status=in-fallback/);
  await expect(page.getByRole("row").filter({ hasText: `In fallback on ${ROUTER}` })).toHaveCount(BRANCH_PHONES);
  await expect(page.getByRole("link", { name: "SEP00AA40000010" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/phones-in-fallback.png", fullPage: true });

  await page.getByRole("link", { name: "SEP00AA40000010" }).click();
  await expect(page.getByText(`In fallback on ${ROUTER}`).first()).toBeVisible();
  await expect(page.getByText("Reported by 2 sources")).toBeVisible();
});

test("restoring the WAN ends the event with its duration", async ({ page }) => {
  test.setTimeout(400_000);
  await signInAs(page, "admin");
  const origin = new URL(page.url()).origin;
  await page.goto("/sites");
  await page.getByRole("button", { name: "Restore the Manchester WAN" }).click();
  await expect(page.getByText("WAN now: up")).toBeVisible();
  // The branch router first: its phones left it; until the cluster is read again they are
  // returning from fallback, never "unregistered" (no false outage window).
  await pollNow(page.request, origin, ROUTER);
  const unregistered = await (
    await page.request.get("/api/v1/phones?site=Manchester&status=unregistered&pageSize=1")
  ).json();
  expect(unregistered.total).toBe(0);
  await pollNow(page.request, origin, "Demo cluster");
  await page.reload();
  const history = page.getByRole("table", { name: /Site outages/ });
  // Newest first; every Manchester outage has ended now.
  await expect(history.getByRole("row").filter({ hasText: "Manchester" }).first()).toContainText("recovered at");
  await expect(history.getByRole("row").filter({ hasText: "still out" })).toHaveCount(0);
  const inFallback = await (await page.request.get("/api/v1/phones?status=in-fallback&pageSize=1")).json();
  expect(inFallback.total).toBe(0);
});
