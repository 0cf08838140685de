// Starts the CUCM simulator with a RisPort client on a shared virtual clock, for integration
// tests and the benchmark: budget waits move the clock instead of taking minutes.
import { startCucmSimulator, type CucmSimulator, type CucmSimulatorOptions } from "@/lib/simulators/cucm";
import { createCookieJar } from "@/lib/soap/cookies";
import { postXml } from "@/lib/soap/transport";
import { createRateBudget, type RateBudget } from "@/lib/risport/budget/budget";
import { createMemoryBudgetStore, type BudgetStore } from "@/lib/risport/budget/budget-store";
import { createRisportClient, type RisportClient } from "@/lib/risport/client/client";
import { createFakeClock, type FakeClock } from "./fake-clock";

export type TestCluster = {
  sim: CucmSimulator;
  clock: FakeClock;
  store: BudgetStore;
  budget: RateBudget;
  client: RisportClient;
  /** Another process of the deployment: its own budget object on the same store, its own client. */
  otherProcess(): { budget: RateBudget; client: RisportClient };
  close(): Promise<void>;
};

export async function startTestCluster(
  options: CucmSimulatorOptions & {
    perMinute?: number;
    reserve?: number;
    password?: string;
    /** The client's settings where they differ from the simulator's (a cap set above what the cluster returns). */
    client?: { replyCap?: number; replyCapChecked?: boolean; maxItemsPerRequest?: number; cookies?: boolean };
  } = {},
): Promise<TestCluster> {
  const { perMinute, reserve, password, client: clientSettings, ...simulatorOptions } = options;
  const clock = createFakeClock();
  const sim = await startCucmSimulator({ ...simulatorOptions, clock: clock.now });
  const store = createMemoryBudgetStore();
  const connect = () => {
    const budget = createRateBudget({
      clusterId: "test-cluster",
      store,
      perMinute,
      reserve,
      clock: clock.now,
      sleep: clock.sleep,
      jitter: () => 2_000,
    });
    const client = createRisportClient({
      nodes: sim.urls,
      username: sim.credentials.user,
      password: password ?? sim.credentials.password,
      budget,
      timeoutMs: 60_000,
      connectTimeoutMs: 2_000,
      replyCap: simulatorOptions.replyCap ?? 1000,
      replyCapChecked: clientSettings?.replyCapChecked,
      maxItemsPerRequest: clientSettings?.maxItemsPerRequest,
      ...(clientSettings?.replyCap !== undefined ? { replyCap: clientSettings.replyCap } : {}),
      cookies: clientSettings?.cookies === false ? undefined : createCookieJar({ clock: clock.now }),
      post: (request) => clock.inFlight(() => postXml(request)),
    });
    return { budget, client };
  };
  const { budget, client } = connect();
  return { sim, clock, store, budget, client, otherProcess: connect, close: () => sim.close() };
}
