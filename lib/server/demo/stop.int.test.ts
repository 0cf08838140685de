// Issue 15: once the demo sources are gone, the demo simulators stop listening on loopback.
import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createSource } from "@/lib/services/sources/service";
import { startDemoFleet, type DemoFleet } from "./fleet";
import { registerDemoStop } from "./stop";

let database: TestDatabase;
let fleet: DemoFleet | null = null;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => {
  registerDemoStop(undefined);
  await fleet?.stop().catch(() => {});
  await database?.stop();
});

const listening = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

test("the first real source removes the demo sources and stops their simulators", async () => {
  fleet = await startDemoFleet({ clusterDevices: 50, phonesPerRouter: 10, branchPhones: 4 });
  expect(fleet).not.toBeNull();
  let stopped = false;
  registerDemoStop(async () => {
    stopped = true;
    await fleet!.stop();
  });
  const urls = [...fleet!.routers.map((r) => r.url), fleet!.branchRouter.url, ...fleet!.cluster.urls];
  for (const url of urls) expect(await listening(url), url).toBe(true);

  await createSource(
    {
      kind: "cme",
      name: "Real router",
      site: "HQ",
      urls: ["http://127.0.0.1:9"],
      username: "cisco",
      password: "a real password",
    },
    { actor: "test" },
  );
  expect(stopped).toBe(true);
  for (const url of urls) expect(await listening(url), url).toBe(false);
});
