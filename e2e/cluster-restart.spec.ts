// A helpdesk user restarts a cluster phone from its page: the demo cluster's source has AXL, so the
// phone's cluster record offers Restart; the cluster is told through AXL doDeviceReset (seen in the
// simulator), and the phone, out of RisPort's registration for a few seconds, is seen back at a poll.
import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";
import { pollNow, simControl, sourceUrl } from "./sim";

const CLUSTER = "Demo cluster";

test("a helpdesk user restarts a cluster phone from its page and sees it come back", async ({ page }) => {
  // Cluster polls wait for the cluster's RisPort budget (15 a minute, shared with the scheduled polls).
  test.setTimeout(400_000);
  await signInAs(page, "helpdesk");
  const origin = new URL(page.url()).origin;
  const cluster = await sourceUrl(page.request, CLUSTER);
  await pollNow(page.request, origin, CLUSTER);
  const listed = await page.request.get(
    `/api/v1/phones?view=records&source=${cluster.id}&status=registered&class=desk-phones&sort=name&pageSize=50`,
  );
  const candidates = (await listed.json()).items as { name: string }[];
  // A phone only the cluster reports: the branch's phones have a router record too, which other specs steer.
  let phone: string | undefined;
  for (const { name } of candidates) {
    const detail = await (await page.request.get(`/api/v1/phones/${name}`)).json();
    if (detail.records.length === 1 && detail.records[0].restartable) {
      phone = name;
      break;
    }
  }
  expect(phone, "a registered desk phone only the demo cluster reports, restartable through AXL").toBeDefined();
  const name = phone!;

  const resetsOf = async () =>
    (await simControl<{ name: string; type: string }[]>(page.request, cluster.url, { action: "axlResets" })).filter(
      (r) => r.name === name,
    );
  const before = (await resetsOf()).length;
  await page.goto(`/phones/${name}`);
  const record = page.getByRole("region", { name: /Demo cluster/ });
  await record.getByRole("button", { name: "Restart phone" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Restart phone?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(record.getByRole("status")).toContainText(`restarted ${name}: it re-registers`);
  // The cluster was told (AXL doDeviceReset, a Restart), not only the page.
  const resets = await resetsOf();
  expect(resets).toHaveLength(before + 1);
  expect(resets.at(-1)).toMatchObject({ type: "Restart" });

  // The phone left RisPort's registration; after the cluster's reset delay (seconds) it is back, seen at a poll.
  await expect
    .poll(
      async () => {
        await pollNow(page.request, origin, CLUSTER);
        const detail = await (await page.request.get(`/api/v1/phones/${name}`)).json();
        const records = detail.records as { sourceId: string; registrationStatus: string }[];
        return records.find((r) => r.sourceId === cluster.id)?.registrationStatus;
      },
      { timeout: 240_000, intervals: [3_000] },
    )
    .toBe("registered");
  // The page shows it too (it refreshes itself every 30 s; a reload shows it now).
  await page.reload();
  await expect(record).toContainText("Registered");
});
