// Measures sweepCluster against the CUCM simulator set up as Cisco's documents allow a real cluster
// to behave: names matched case-sensitively, 5% of them in lower or mixed case, at most 500
// SelectItems per request, 1000 devices per reply whatever is asked. For each cluster size it
// prints requests per first and steady sweep against the ceil(N / 1000) bound, how many sweeps a
// newly added device takes to appear, and how many devices no sweep ever found (must be 0).
// Budget waits run on a virtual clock shared with the simulator, so minutes pass in seconds.
//   npm run bench:risport                       (20,000 and 40,000 devices)
//   npm run bench:risport -- --devices 40000 --nodes 4 --matching case-insensitive --seed 7
// With --axl it runs the AXL mode alone instead (risport-axl.ts): 40,000 configured devices, 1,200
// never registered, polled through pollSource on a throwaway database.
//   npm run bench:risport -- --axl [--devices 40000 --never-registered 1200]
import { parseArgs } from "node:util";
import { startTestCluster } from "@/lib/testing/risport-sim-harness";
import { sweepCluster, type SweepResult } from "@/lib/risport/sweep/sweep";

const { values } = parseArgs({
  options: {
    devices: { type: "string" },
    nodes: { type: "string", default: "4" },
    seed: { type: "string", default: "7" },
    "mixed-case": { type: "string", default: "0.05" },
    items: { type: "string", default: "500" },
    matching: { type: "string", default: "case-sensitive" },
    "per-minute": { type: "string", default: "15" },
    reserve: { type: "string", default: "3" },
    "steady-sweeps": { type: "string", default: "3" },
    axl: { type: "boolean", default: false },
    "never-registered": { type: "string", default: "1200" },
  },
});
const sizes = values.devices ? [Number(values.devices)] : [20_000, 40_000];
const perMinute = Number(values["per-minute"]);
const reserve = Number(values.reserve);
const items = Number(values.items);
const matching = values.matching === "case-insensitive" ? ("case-insensitive" as const) : ("case-sensitive" as const);
const REPLY_CAP = 1000;
const NEW_DEVICE = "csfNewHire.b@hq/9";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function benchmark(devices: number): Promise<void> {
  const cluster = await startTestCluster({
    nodes: Number(values.nodes),
    devices,
    seed: values.seed,
    mixedCaseShare: Number(values["mixed-case"]),
    nameMatching: matching,
    maxSelectItems: items,
    replyCap: REPLY_CAP,
    budgetPerMinute: perMinute,
    perMinute,
    reserve,
    client: { maxItemsPerRequest: items },
  });
  const { sim, client, clock } = cluster;
  const bound = Math.ceil(devices / REPLY_CAP);
  const everFound = new Set<string>();
  const lines: string[] = [];
  const realStart = performance.now();
  const virtualStart = clock.now();
  const sweep = async (label: string, memory: unknown): Promise<SweepResult> => {
    const result = await sweepCluster({ client, memory });
    for (const device of result.devices) everFound.add(device.name);
    lines.push(
      `  ${label.padEnd(26)} ${String(result.requests).padStart(4)} requests  (bound ${bound}, ratio ${(result.requests / bound).toFixed(2)})  ` +
        `complete ${result.complete}, ${result.devices.length} devices, ${result.problems.length} problems`,
    );
    return result;
  };
  try {
    const first = await sweep("first sweep (discovery)", undefined);
    let memory: unknown = first.memory;
    for (let index = 1; index <= Number(values["steady-sweeps"]); index++)
      memory = (await sweep(`steady sweep ${index}`, memory)).memory;

    sim.control.addDevices([{ name: NEW_DEVICE, model: 503, node: sim.nodeNames[1] ?? sim.nodeNames[0] }]);
    let sweepsUntilSeen = 0;
    let seen = false;
    let requestsUntilSeen = 0;
    while (!seen && sweepsUntilSeen < 60) {
      const result = await sweepCluster({ client, memory });
      for (const device of result.devices) everFound.add(device.name);
      sweepsUntilSeen++;
      requestsUntilSeen += result.requests;
      seen = result.devices.some((device) => device.name === NEW_DEVICE);
      memory = result.memory;
    }
    const truth = sim.control.deviceNames();
    const neverFound = truth.filter((name) => !everFound.has(name));
    const mixed = truth.filter((name) => name !== name.toUpperCase()).length;
    const counters = sim.control.requestCounters().byOutcome;
    const auth = sim.control.authenticationCounters();
    console.log(
      `\n${devices.toLocaleString("en")} devices (${mixed} in lower or mixed case), ceil(N / ${REPLY_CAP}) = ${bound}`,
    );
    for (const line of lines) console.log(line);
    console.log(
      `  new device ${NEW_DEVICE}: ${seen ? `appeared after ${sweepsUntilSeen} sweep(s) (${requestsUntilSeen} requests)` : `not seen after ${sweepsUntilSeen} sweeps`}`,
    );
    console.log(
      `  devices never found: ${neverFound.length}${neverFound.length > 0 ? ` (e.g. ${neverFound.slice(0, 5).join(", ")})` : ""}`,
    );
    console.log(
      `  faults: ${counters.fault ?? 0} SOAP, ${counters["rate-limited"] ?? 0} RateControl; most requests in any 60 s: ${sim.control.maxRequestsInAnyWindow()}`,
    );
    console.log(
      `  authentication: ${auth.withCredentials} with credentials, ${auth.withCookie} by session cookie, ${auth.refused} refused`,
    );
    console.log(
      `  name matching learned: ${(memory as { nameCase?: string }).nameCase ?? "(not needed)"}; virtual time ${seconds(clock.now() - virtualStart)}, real time ${seconds(performance.now() - realStart)}`,
    );
  } finally {
    await cluster.close();
  }
}

if (values.axl) {
  // Loaded only here: it brings the database layer, which the other modes do not need.
  const { benchmarkAxl } = await import("./risport-axl");
  const ok = await benchmarkAxl({
    configured: Number(values.devices ?? 40_000),
    neverRegistered: Number(values["never-registered"]),
    nodes: Number(values.nodes),
    seed: values.seed,
    mixedCaseShare: Number(values["mixed-case"]),
  });
  // Correctness only (a sweep off its bound, an incomplete listing); timings never fail the run.
  process.exit(ok ? 0 : 1);
} else {
  console.log(
    `RisPort sweep benchmark: ${matching} name matching, ${Number(values["mixed-case"]) * 100}% mixed-case names, ` +
      `at most ${items} SelectItems per request, ${REPLY_CAP} devices per reply, budget ${perMinute}/min with ${reserve} reserved, ${values.nodes} nodes`,
  );
  for (const devices of sizes) await benchmark(devices);
}
