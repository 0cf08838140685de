// The demo fleet: with no real source configured, the server starts the simulators in-process
// (two CME routers, one per reply dialect, an SRST branch router whose phones also live on the
// cluster, and a three-node Unified CM cluster) and registers them as demo sources, so a newcomer
// sees a living dashboard within a minute, and can cut the branch's WAN to watch it fall back.
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { hasRealSources, removeDemoSources, upsertDemoSource } from "@/lib/db/demo-sources";
import { ensureSiteRule } from "@/lib/db/site-settings";
import { BRANCH, branchControl, branchPhones, clusterDevices, routerFleet, type BranchControl } from "./branch";
import { clusterChurn } from "./cluster-churn";
import { log } from "@/lib/log";
import { env } from "@/lib/env";

export interface DemoFleet {
  routers: CmeSimulator[];
  branchRouter: CmeSimulator;
  cluster: CucmSimulator;
  /** Cuts and restores the SRST branch's WAN. */
  branch: BranchControl;
  stop(): Promise<void>;
}

const DEMO_PASSWORD = "demo-pass";

export interface DemoOptions {
  clusterDevices?: number;
  phonesPerRouter?: number;
  /** How often the cluster's phones change state, in ms (routers churn on their own timer). */
  clusterChurnMs?: number;
  /** Phones of the SRST branch (on the cluster and its router). */
  branchPhones?: number;
}

export async function startDemoFleet(options: DemoOptions = {}): Promise<DemoFleet | null> {
  if (await hasRealSources()) {
    await removeDemoSources("a real source is configured");
    return null;
  }
  const phones = options.phonesPerRouter ?? 40;
  const routers = await Promise.all([
    startCmeSimulator({
      dialect: "2008",
      xmlUser: "demo",
      xmlPassword: DEMO_PASSWORD,
      fleet: { seed: 11, ephones: phones - 6, pools: 6 },
      churn: { everyMs: 45_000, phones: 1, returnAfterTicks: 2 },
      controlEndpoint: env().demoControl,
      router: { hostname: "leeds-srst", mode: "SRST" },
    }),
    startCmeSimulator({
      dialect: "2010",
      xmlUser: "demo",
      xmlPassword: DEMO_PASSWORD,
      fleet: { seed: 22, ephones: phones - 6, pools: 6 },
      churn: { everyMs: 60_000, phones: 1, returnAfterTicks: 2 },
      controlEndpoint: env().demoControl,
      router: { hostname: "paris-cme", mode: "ITS" },
    }),
  ]);
  const branch = branchPhones(options.branchPhones ?? 24);
  const branchRouter = await startCmeSimulator({
    dialect: "2010",
    xmlUser: "demo",
    xmlPassword: DEMO_PASSWORD,
    fleet: routerFleet(branch),
    controlEndpoint: env().demoControl,
    router: { hostname: BRANCH.hostname, mode: "SRST" },
  });
  const cluster = await startCucmSimulator({
    nodes: 3,
    devices: options.clusterDevices ?? 5000,
    seed: 7,
    ctiApplications: 8,
    budgetPerMinute: 15,
    credentials: { user: "demo", password: DEMO_PASSWORD },
    controlEndpoint: env().demoControl,
    explicitDevices: clusterDevices(branch),
    // Configured in AXL, never registered: what the configured inventory finds and RisPort cannot.
    neverRegistered: 40,
  });

  await upsertDemoSource({
    kind: "cme",
    name: "Demo router Leeds (CME 2008 replies)",
    site: "Leeds",
    urls: [routers[0]!.url],
    username: "demo",
    password: DEMO_PASSWORD,
    pollIntervalS: 60,
  });
  await upsertDemoSource({
    kind: "cme",
    name: "Demo router Paris (CME 2010 replies)",
    site: "Paris",
    urls: [routers[1]!.url],
    username: "demo",
    password: DEMO_PASSWORD,
    pollIntervalS: 60,
  });
  await upsertDemoSource({
    kind: "cme",
    name: BRANCH.routerName,
    site: BRANCH.site,
    urls: [branchRouter.url],
    username: "demo",
    password: DEMO_PASSWORD,
    pollIntervalS: 60,
  });
  // The cluster's copies of the branch phones belong to the branch by their subnet.
  await ensureSiteRule({ kind: "subnet", pattern: BRANCH.subnet, site: BRANCH.site });
  await upsertDemoSource({
    kind: "cucm",
    name: "Demo cluster (Unified CM, 3 nodes)",
    site: "HQ",
    urls: cluster.urls.map((u) => new URL(u).origin),
    username: "demo",
    password: DEMO_PASSWORD,
    pollIntervalS: 120,
    budgetPerMinute: 15,
    budgetReserve: 3,
    replyCap: 1000,
    // A reply's worth of names per request: each sweep is ceil(N / 1000) requests plus the CTI queries.
    selectItemsPerRequest: 1000,
    axlEnabled: true,
  });

  // The cluster churns like a real one: a few phones drop and come back, now and then some fail over.
  const noise = clusterChurn(cluster.control, {
    share: 0.004,
    returnAfterTicks: 3,
    exclude: new Set(branch.map((p) => p.name)),
    seed: 7,
  });
  let tick = 0;
  const churn = setInterval(() => {
    tick += 1;
    try {
      noise.tick();
      if (tick % 10 === 0)
        cluster.control.failoverShare({
          share: 0.01,
          toNode: cluster.nodeNames[tick % cluster.nodeNames.length]!,
          seed: tick,
        });
    } catch (error) {
      log.warn("demo cluster churn failed", { error: String(error) });
    }
  }, options.clusterChurnMs ?? 60_000);
  churn.unref();

  log.info("demo fleet started", { routers: [...routers, branchRouter].map((r) => r.url), cluster: cluster.urls });
  return {
    routers,
    branchRouter,
    cluster,
    branch: branchControl(branch, branchRouter, cluster),
    async stop() {
      clearInterval(churn);
      await Promise.all([...routers.map((r) => r.close()), branchRouter.close(), cluster.close()]);
    },
  };
}
