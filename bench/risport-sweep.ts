// Measures sweepCluster against the CUCM simulator: requests per sweep against the ceil(N / cap)
// lower bound, RateControl faults, and the wall time the sweep would take at the budget's pace.
// Budget waits run on a virtual clock shared with the simulator, so minutes pass in seconds.
//   npm run bench:risport -- --devices 40000 --nodes 4 --cap 1000 --seed 7
import { parseArgs } from "node:util";
import { startTestCluster } from "@/lib/risport/sim-harness";
import { sweepCluster, type SweepResult } from "@/lib/risport/sweep";

const { values } = parseArgs({
  options: {
    devices: { type: "string", default: "40000" },
    nodes: { type: "string", default: "4" },
    cap: { type: "string", default: "1000" },
    seed: { type: "string", default: "7" },
    "per-minute": { type: "string", default: "15" },
    reserve: { type: "string", default: "3" },
  },
});
const devices = Number(values.devices);
const cap = Number(values.cap);
const perMinute = Number(values["per-minute"]);
const reserve = Number(values.reserve);
const budgetPerMinute = perMinute - reserve;

const cluster = await startTestCluster({
  nodes: Number(values.nodes), devices, seed: values.seed, replyCap: cap, budgetPerMinute: perMinute, perMinute, reserve,
});
const { sim, client, clock } = cluster;
const bound = Math.ceil(devices / cap);
const steadyTarget = bound + 2;
const firstTarget = Math.floor(1.5 * steadyTarget);

console.log(`RisPort sweep benchmark: ${devices} devices on ${values.nodes} nodes, reply cap ${cap}, `
  + `budget ${perMinute}/min with ${reserve} reserved (${budgetPerMinute}/min used)`);
console.log("sweep                 requests  lower bound  ratio  target  RateControl  max/60s  wall at budget  virtual wait  real time  complete  found  new  missing");

const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")} s`;

async function measure(label: string, target: number, memory: unknown): Promise<SweepResult> {
  const logStart = sim.control.requestLog().length;
  const virtualStart = clock.now();
  const realStart = performance.now();
  const result = await sweepCluster({ client, memory });
  const log = sim.control.requestLog().slice(logStart);
  const faults = log.filter((entry) => entry.outcome === "rate-limited").length;
  // At `budgetPerMinute` a minute, request k (0-based) cannot go before minute floor(k / budget).
  const wallMs = Math.floor(Math.max(0, result.requests - 1) / budgetPerMinute) * 60_000;
  const times = log.map((entry) => entry.at).sort((a, b) => a - b);
  let maxWindow = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= 60_000) start++;
    maxWindow = Math.max(maxWindow, end - start + 1);
  }
  console.log([
    label.padEnd(21), String(result.requests).padStart(8), String(bound).padStart(12), (result.requests / bound).toFixed(2).padStart(6),
    `≤${target}`.padStart(7), String(faults).padStart(12), String(maxWindow).padStart(8), minutes(wallMs).padStart(15),
    minutes(clock.now() - virtualStart).padStart(13), `${((performance.now() - realStart) / 1000).toFixed(1)} s`.padStart(10),
    String(result.complete).padStart(9), String(result.devices.length).padStart(6), String(result.newDevices.length).padStart(4),
    String(result.missing.length).padStart(8),
  ].join(" "));
  return result;
}

try {
  const first = await measure("first (discovery)", firstTarget, undefined);
  const quiet = await measure("steady, no changes", steadyTarget, first.memory);
  sim.control.setStatusShare({ share: 0.02, seed: 5, status: "UnRegistered", statusReason: 13 });
  sim.control.failoverShare({ share: 0.01, seed: 6, node: "cucm1", toNode: "cucm2" });
  const removed = sim.control.deviceNames().slice(500, 505);
  sim.control.removeDevices(removed);
  sim.control.addDevices(Array.from({ length: 5 }, (_, index) => ({ name: `SEPBE0000000${String(index).padStart(3, "0")}`, model: 683 })));
  const churn = await measure("steady, 3% churn", steadyTarget, quiet.memory);
  await measure("steady, after churn", steadyTarget, churn.memory);
  const plan = churn.memory.batches.every((batch) => batch.method === "selectCmDeviceExt")
    ? `${churn.memory.batches.length} name batches (selectCmDeviceExt) + 2 probes of ${churn.memory.groups.length} slices a sweep`
    : `${churn.memory.batches.length} wildcard slices (selectCmDevice)`;
  console.log(`steady-state plan: ${plan}`);
  console.log(`targets: first ≤ 1.5 × (ceil(N / cap) + 2) = ${firstTarget}; steady ≤ ceil(N / cap) + 2 = ${steadyTarget}; zero RateControl faults`);
} finally {
  await cluster.close();
}
