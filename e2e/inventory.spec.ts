// The demo fleet as a newcomer meets it: routers polled, phones findable by MAC in any notation,
// the overview filled in, and a failing router shown with its reason while its data stays.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { simControl, sourceUrl } from "./sim";

test.describe.configure({ mode: "serial" });

test("the demo fleet's phones are listed and found by MAC in any notation", async ({ page }) => {
  await signInAs(page, "admin");
  const origin = new URL(page.url()).origin;
  for (const name of ["Demo router Leeds", "Demo router Paris"]) {
    const router = await sourceUrl(page.request, name);
    const poll = await page.request.post(`/api/v1/sources/${router.id}/poll`, { headers: { origin } });
    expect(poll.status()).toBe(200);
    const summary = await poll.json();
    expect(["ok", "skipped"]).toContain(summary.status);
  }
  const listed = await page.request.get("/api/v1/phones?q=SEP000DED93980B");
  expect((await listed.json()).items.map((p: { name: string }) => p.name)).toContain("SEP000DED93980B");

  await page.getByRole("link", { name: "Phones", exact: true }).click();
  await page.getByRole("searchbox").first().fill("00:0d:ed:93:98:0b");
  // The MAC is an exact match: named above the list, and listed in it.
  await expect(
    page.getByRole("region", { name: "Exact match" }).getByRole("link", { name: "SEP000DED93980B" }),
  ).toBeVisible();
  const inList = page.getByRole("table").getByRole("link", { name: "SEP000DED93980B" });
  await expect(inList).toBeVisible();
  await page.getByRole("searchbox").first().fill("000D.ED93.980B");
  await expect(inList).toBeVisible();
  await inList.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("SEP000DED93980B");
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByRole("list", { name: "Refresh results" }).getByRole("status").first()).toContainText(
    "Demo router Leeds",
  );
});

test("the overview shows the fleet's registration and when each source was polled", async ({ page }) => {
  await signInAs(page, "viewer");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText(/registered/i).first()).toBeVisible();
  const bySource = page.getByRole("region", { name: "By source" });
  await expect(bySource.getByText("Demo router Leeds (CME 2008 replies)").first()).toBeVisible();
});

test("a failing router shows its reason and keeps its last data", async ({ page }) => {
  await signInAs(page, "admin");
  const origin = new URL(page.url()).origin;
  const router = await sourceUrl(page.request, "Demo router Paris");
  const before = (await (await page.request.get(`/api/v1/phones?source=${router.id}&pageSize=1`)).json()).total;
  expect(before).toBeGreaterThan(0);
  await simControl(page.request, router.url, { action: "setFailure", mode: "401" });
  try {
    const poll = await (await page.request.post(`/api/v1/sources/${router.id}/poll`, { headers: { origin } })).json();
    expect(poll.status).toBe("failed");
    expect(poll.error).toBeTruthy();
    await page.getByRole("link", { name: "Sources", exact: true }).click();
    const row = page.getByRole("row").filter({ hasText: "Demo router Paris" });
    await expect(row).toContainText("Sign-in refused");
    await expect(row).toContainText(/Last success .* ago/);
    const after = (await (await page.request.get(`/api/v1/phones?source=${router.id}&pageSize=1`)).json()).total;
    expect(after).toBe(before);
  } finally {
    await simControl(page.request, router.url, { action: "setFailure", mode: null });
  }
});

test("npm start runs the poll worker beside the web server, and the Sources page shows it running", async ({
  page,
}) => {
  await signInAs(page, "viewer");
  const poller = await (await page.request.get("/api/v1/poller")).json();
  expect(poller).toMatchObject({ mode: "external", state: "ok", overdue: { count: 0 } });
  const alive = poller.workers.filter((w: { alive: boolean }) => w.alive);
  expect(alive).toHaveLength(1);
  // It runs below the web server's CPU priority (LINEWATCH_WORKER_NICE, default 10, added to what it
  // started with, at most 19): field 19 of /proc/<pid>/stat is the nice value.
  const niceOf = (pid: number | "self") =>
    Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);
  expect(niceOf(alive[0].pid)).toBe(Math.min(19, niceOf("self") + 10));
  await page.goto("/sources");
  const panel = page.getByRole("region", { name: "Poll workers" });
  await expect(panel).toContainText("Polling keeps up.");
  await expect(panel.getByRole("cell", { name: "Running" })).toBeVisible();
  // No banner while polling keeps up.
  await expect(page.getByText("Polling has stopped.")).toHaveCount(0);
});
