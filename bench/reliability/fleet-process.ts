// The simulator process of the reliability run: starts the planned routers and clusters, churns
// their registrations, and reports how many requests each one received.
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import type { ClusterCounts, FleetPlan, FromFleet, ToFleet } from "./fleet-protocol";

const send = (message: FromFleet) => process.send?.(message);
let routers: CmeSimulator[] = [];
let clusters: CucmSimulator[] = [];
let churn: ReturnType<typeof setInterval> | undefined;

async function start(plan: FleetPlan): Promise<void> {
  routers = [];
  // In small groups: 200 listening sockets at once is fine, 200 fleets built at once is a stall.
  for (let i = 0; i < plan.routers.length; i += 20) {
    routers.push(
      ...(await Promise.all(
        plan.routers.slice(i, i + 20).map((router, j) =>
          startCmeSimulator({
            dialect: router.dialect,
            xmlUser: router.user,
            xmlPassword: router.password,
            fleet: { seed: router.seed, ephones: router.ephones, pools: router.pools },
            churn: { everyMs: plan.churnEveryMs, phones: 1 },
            controlEndpoint: false,
            router: { hostname: `bench-r${i + j + 1}`, mode: (i + j) % 4 === 0 ? "SRST" : "ITS" },
          }),
        ),
      )),
    );
  }
  clusters = await Promise.all(
    plan.clusters.map((cluster) =>
      startCucmSimulator({
        nodes: cluster.nodes,
        devices: cluster.devices,
        seed: cluster.seed,
        ctiApplications: 6,
        budgetPerMinute: cluster.budgetPerMinute,
        replyCap: cluster.replyCap,
        credentials: { user: cluster.user, password: cluster.password },
        controlEndpoint: false,
      }),
    ),
  );
  let tick = 0;
  churn = setInterval(() => {
    tick++;
    for (const cluster of clusters) {
      cluster.control.setStatusShare({
        share: 0.004,
        status: tick % 2 === 0 ? "Registered" : "UnRegistered",
        seed: tick,
      });
    }
  }, plan.churnEveryMs);
  send({
    type: "ready",
    routerUrls: routers.map((r) => r.url),
    clusterUrls: clusters.map((c) => c.urls.map((u) => new URL(u).origin)),
  });
}

function counts(): { routers: number[]; clusters: ClusterCounts[] } {
  return {
    routers: routers.map((router) => router.control.requestCount()),
    clusters: clusters.map((cluster) => {
      const counters = cluster.control.requestCounters();
      return {
        total: counters.total,
        byOutcome: counters.byOutcome,
        mostAcceptedPerMinute: mostInAnyMinute(
          cluster.control
            .requestLog()
            .filter((e) => e.outcome === "ok")
            .map((e) => e.at),
        ),
      };
    }),
  };
}

function mostInAnyMinute(times: number[]): number {
  times.sort((a, b) => a - b);
  let best = 0;
  for (let end = 0, start = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 60_000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function close(): Promise<void> {
  if (churn) clearInterval(churn);
  await Promise.all([...routers.map((r) => r.close()), ...clusters.map((c) => c.close())]);
  send({ type: "closed" });
  process.disconnect?.();
}

process.on("message", (message: ToFleet) => {
  const run =
    message.type === "start"
      ? start(message.plan)
      : message.type === "counts"
        ? Promise.resolve(send({ type: "counts", id: message.id, counts: counts() }))
        : close();
  void Promise.resolve(run).catch((error: unknown) =>
    send({ type: "error", message: error instanceof Error ? error.message : String(error) }),
  );
});
// The run went away: do not linger.
process.on("disconnect", () => process.exit(0));
