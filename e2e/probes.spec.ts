// What a load balancer sees: /healthz and /readyz answer without sign-in on the running server
// (its scheduler polls the demo fleet), and say nothing but the check names.
import { expect, test } from "@playwright/test";

test("a load balancer can probe /healthz and /readyz without signing in", async ({ request }) => {
  const live = await request.get("/healthz");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  // The scheduler ticks, and the poll worker beside the web sends its first heartbeat, within
  // seconds of start; a probe may come first, so it asks again.
  await expect
    .poll(async () => (await request.get("/readyz")).json(), { timeout: 30_000 })
    .toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", poller: "ok" } });
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toContain("no-store");
});
