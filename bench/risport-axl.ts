// The AXL mode of bench:risport (issue #19): a cluster whose configured devices (AXL) include some
// that never registered. Reads the configured inventory through the AXL client, then polls the
// cluster twice through pollSource on a throwaway database (AXL read, exact sweep, CTI query) and
// prints RisPort requests per first and steady sweep against ceil(N / names per request), the AXL
// requests by operation, and the stored listing by status. Budget waits move a virtual clock shared
// with the simulator. Returns false when a sweep misses its bound or the listing is incomplete.
import { createAxlClient } from "@/lib/axl/client";
import { db } from "@/lib/db/client";
import { createInventoryStore, type InventoryStore } from "@/lib/db/inventory-store";
import { createSource } from "@/lib/db/sources";
import { pollSource } from "@/lib/inventory/poll";
import { createRateBudget } from "@/lib/risport/budget/budget";
import { createMemoryBudgetStore } from "@/lib/risport/budget/budget-store";
import { createRisportClient } from "@/lib/risport/client/client";
import { sweepCluster } from "@/lib/risport/sweep/sweep";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { startCucmSimulator, type CucmSimulator } from "@/lib/simulators/cucm";
import { closeAgents } from "@/lib/soap";
import { createCookieJar } from "@/lib/soap/cookies";
import { postXml } from "@/lib/soap/transport";
import { createFakeClock, type FakeClock } from "@/lib/testing/fake-clock";
import { startTestDatabase } from "@/lib/testing/test-database";

export interface AxlBenchOptions {
  /** Configured devices (N), never-registered ones included. */
  configured: number;
  neverRegistered: number;
  nodes: number;
  seed: string;
  mixedCaseShare: number;
}

const REPLY_CAP = 1000;
/** What the bench's source asks per request (the source default, a reply's worth). */
const NAMES_PER_REQUEST = 1000;
/** A lower setting, for a cluster that refuses a reply's worth of names (the seed's "500 at a time"). */
const DEFAULT_NAMES_PER_REQUEST = 500;
const POLL_INTERVAL_MS = 5 * 60_000;
const SWEEP_METHODS = new Set(["selectCmDevice", "selectCmDeviceExt"]);
/** A cluster poll's CTI query: selectCtiItem for the Provider class, then the Line class. */
const CTI_REQUESTS = 2;

const count = (value: number) => value.toLocaleString("en");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const verdict = (ok: boolean) => (ok ? "equal" : "NOT EQUAL");

/** The poll's budget waits move the virtual clock to the next free slot instead of sleeping. */
function withVirtualWaits(store: InventoryStore, clock: FakeClock): InventoryStore {
  return {
    ...store,
    budgetStore: () => {
      const shared = store.budgetStore();
      return {
        ...shared,
        async tryTake(clusterId, request) {
          const outcome = await shared.tryTake(clusterId, request);
          if (!outcome.granted) clock.advance(Math.max(0, outcome.nextSlotAt - clock.now()));
          return outcome;
        },
      };
    },
  };
}

/** RisPort requests since the log was last cleared: sweep queries and CTI queries apart. */
function risportRequests(sim: CucmSimulator) {
  const log = sim.control.requestLog();
  return {
    sweep: log.filter((entry) => SWEEP_METHODS.has(entry.method)).length,
    cti: log.filter((entry) => entry.method === "selectCtiItem").length,
    other: log.filter((entry) => !SWEEP_METHODS.has(entry.method) && entry.method !== "selectCtiItem").length,
    rateControl: log.filter((entry) => entry.outcome === "rate-limited").length,
  };
}

const axlOperations = (sim: CucmSimulator) => ({ ...sim.control.axlCounters().byOperation });
function axlDelta(before: Record<string, number>, after: Record<string, number>): string {
  const changed = Object.entries(after)
    .map(([operation, total]) => [operation, total - (before[operation] ?? 0)] as const)
    .filter(([, sent]) => sent > 0);
  return changed.length === 0 ? "none" : changed.map(([operation, sent]) => `${operation} ${sent}`).join(", ");
}

type Bench = { sim: CucmSimulator; clock: FakeClock; configured: number; neverRegistered: number };

/** The configured inventory on its own: what a poll's AXL read costs the publisher. */
async function readConfigured({ sim }: Bench): Promise<string[]> {
  const before = axlOperations(sim);
  const axl = createAxlClient({
    url: sim.axlUrls[0] as string,
    username: sim.credentials.user,
    password: sim.credentials.password,
    timeoutMs: 120_000,
  });
  const started = performance.now();
  const inventory = await axl.configuredDevices();
  console.log(
    `\nAXL inventory read (client alone): ${count(inventory.length)} devices in ${Math.round(performance.now() - started)} ms, ` +
      `${axl.requests()} requests (${axlDelta(before, axlOperations(sim))})`,
  );
  return inventory.map((device) => device.name);
}

/** A first and a steady poll through pollSource (AXL read, exact sweep, CTI query); true when both sweeps meet the bound. */
async function pollTwice({ sim, clock, configured }: Bench, sourceId: string): Promise<boolean> {
  const perRequest = Math.min(REPLY_CAP, NAMES_PER_REQUEST);
  const bound = Math.ceil(configured / perRequest);
  console.log(
    `\nPolls through pollSource (selectItemsPerRequest ${NAMES_PER_REQUEST}): names per request min(${REPLY_CAP}, ${NAMES_PER_REQUEST}) = ` +
      `${perRequest}, bound ceil(${count(configured)} / ${perRequest}) = ${bound}`,
  );
  const store = withVirtualWaits(createInventoryStore(), clock);
  let ok = true;
  for (const label of ["first poll", "steady poll"]) {
    clock.advance(POLL_INTERVAL_MS);
    sim.control.clearRequestLog();
    const axlBefore = axlOperations(sim);
    const virtualStart = clock.now();
    const summary = await pollSource(sourceId, { instanceId: "bench", now: clock.now, store, force: true });
    const sent = risportRequests(sim);
    const total = sent.sweep + sent.cti + sent.other;
    ok &&= sent.sweep === bound;
    console.log(
      `  ${label.padEnd(12)} ${String(total).padStart(3)} RisPort requests = ${sent.sweep} sweep + ${sent.cti} CTI` +
        `${sent.other > 0 ? ` + ${sent.other} other` : ""}; sweep ${verdict(sent.sweep === bound)} to the bound ${bound}, ` +
        `total ${verdict(total === bound + CTI_REQUESTS)} to bound + CTI query (${bound + CTI_REQUESTS}); ` +
        `${sent.rateControl} RateControl; AXL ${axlDelta(axlBefore, axlOperations(sim))}; ` +
        `poll ${summary.status}, ${seconds(summary.durationMs)} real, ${seconds(clock.now() - virtualStart)} virtual`,
    );
    if (summary.requests !== total)
      console.log(`    the poll counted ${summary.requests} RisPort attempts, the cluster received ${total}`);
    if (summary.error) console.log(`    ${summary.error}`);
  }
  console.log(`  most RisPort requests in any 60 s (virtual): ${sim.control.maxRequestsInAnyWindow()}`);
  return ok;
}

/** Every configured device listed, with the cluster's device pool and a status; true when complete. */
async function checkListing({ sim, configured, neverRegistered }: Bench, sourceId: string): Promise<boolean> {
  const rows = await db().device.findMany({
    where: { sourceId },
    select: { name: true, registrationStatus: true, devicePool: true },
  });
  const byStatus = new Map<string, number>();
  for (const row of rows) byStatus.set(row.registrationStatus, (byStatus.get(row.registrationStatus) ?? 0) + 1);
  const listed = new Set(rows.map((row) => row.name));
  const unlisted = sim.control.deviceNames().filter((name) => !listed.has(name));
  const withoutPool = rows.filter((row) => row.devicePool.trim() === "").length;
  const wrongPool = rows.filter((row) => sim.control.device(row.name)?.devicePool !== row.devicePool).length;
  const never = byStatus.get("never-registered") ?? 0;
  console.log(
    `\nListing after the polls: ${count(rows.length)} of ${count(configured)} configured devices stored ` +
      `(${count(unlisted.length)} configured but not listed${unlisted.length > 0 ? `, e.g. ${unlisted.slice(0, 5).join(", ")}` : ""})`,
  );
  console.log(
    `  by status: ${[...byStatus]
      .sort((a, b) => b[1] - a[1])
      .map(([status, rowCount]) => `${status} ${count(rowCount)}`)
      .join(", ")}`,
  );
  console.log(
    `  never registered: ${count(never)} (configured ${count(neverRegistered)}); devices without a device pool: ${withoutPool}; ` +
      `device pool differing from the cluster's: ${wrongPool}`,
  );
  return (
    rows.length === configured &&
    unlisted.length === 0 &&
    never === neverRegistered &&
    withoutPool === 0 &&
    wrongPool === 0
  );
}

/** The source default (500 names per request), swept directly with the same configured names. */
async function sweepAtDefault({ sim, clock, configured }: Bench, names: readonly string[]): Promise<boolean> {
  const bound = Math.ceil(configured / Math.min(REPLY_CAP, DEFAULT_NAMES_PER_REQUEST));
  const failedAttempts: string[] = [];
  const budget = createRateBudget({
    clusterId: "default-items",
    store: createMemoryBudgetStore(),
    clock: clock.now,
    sleep: clock.sleep,
    jitter: () => 2_000,
  });
  const client = createRisportClient({
    nodes: sim.urls,
    username: sim.credentials.user,
    password: sim.credentials.password,
    budget,
    timeoutMs: 60_000,
    replyCap: REPLY_CAP,
    maxItemsPerRequest: DEFAULT_NAMES_PER_REQUEST,
    cookies: createCookieJar({ clock: clock.now }),
    // Attempts that fail before the cluster answers (the client then tries the next node) are listed apart.
    post: (request) =>
      clock.inFlight(() =>
        postXml(request).catch((error: unknown) => {
          failedAttempts.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
          throw error;
        }),
      ),
  });
  console.log(
    `\nA lower setting for comparison (selectItemsPerRequest ${DEFAULT_NAMES_PER_REQUEST}, sweepCluster alone, no CTI): ` +
      `names per request min(${REPLY_CAP}, ${DEFAULT_NAMES_PER_REQUEST}) = ${DEFAULT_NAMES_PER_REQUEST}, ` +
      `bound ceil(${count(configured)} / ${DEFAULT_NAMES_PER_REQUEST}) = ${bound}`,
  );
  clock.advance(POLL_INTERVAL_MS);
  let ok = true;
  let memory: unknown;
  for (const label of ["first sweep", "steady sweep"]) {
    sim.control.clearRequestLog();
    failedAttempts.length = 0;
    const result = await sweepCluster({ client, memory, names });
    memory = result.memory;
    const sent = risportRequests(sim);
    const equal = sent.sweep === bound && sent.other === 0;
    ok &&= equal;
    console.log(
      `  ${label.padEnd(12)} ${String(sent.sweep).padStart(3)} requests, ${verdict(equal)} to the bound ${bound}` +
        `${result.requests === sent.sweep ? "" : ` (the client counted ${result.requests} attempts)`}; ` +
        `${sent.rateControl} RateControl; complete ${result.complete}, ${count(result.devices.length)} devices reported`,
    );
    if (failedAttempts.length > 0) console.log(`    attempts that failed over: ${failedAttempts.join("; ")}`);
  }
  return ok;
}

export async function benchmarkAxl(options: AxlBenchOptions): Promise<boolean> {
  const { configured, neverRegistered } = options;
  const clock = createFakeClock();
  const realStart = performance.now();
  const database = await startTestDatabase();
  forgetKeyForTests();
  const sim = await startCucmSimulator({
    nodes: options.nodes,
    devices: configured - neverRegistered,
    neverRegistered,
    seed: options.seed,
    mixedCaseShare: options.mixedCaseShare,
    nameMatching: "case-sensitive",
    replyCap: REPLY_CAP,
    budgetPerMinute: 15,
    axlMaxRows: 2000,
    clock: clock.now,
  });
  const bench: Bench = { sim, clock, configured, neverRegistered };
  try {
    console.log(
      `RisPort sweep benchmark, AXL mode: ${count(configured)} configured devices (${count(neverRegistered)} never registered), ` +
        `${options.nodes} nodes, case-sensitive name matching with ${options.mixedCaseShare * 100}% mixed-case names, ` +
        `reply cap ${REPLY_CAP}, budget 15/min with 3 reserved (virtual clock), ${database.provider} database`,
    );
    const names = await readConfigured(bench);
    const source = await createSource(
      {
        kind: "cucm",
        name: "Bench cluster",
        urls: sim.urls,
        username: sim.credentials.user,
        password: sim.credentials.password,
        timeoutMs: 60_000,
        pollIntervalS: POLL_INTERVAL_MS / 1000,
        selectItemsPerRequest: NAMES_PER_REQUEST,
        axlEnabled: true,
      },
      { actor: "bench" },
    );
    const boundsMet = await pollTwice(bench, source.id);
    const complete = await checkListing(bench, source.id);
    const defaultMet = await sweepAtDefault(bench, names);
    const ok = boundsMet && complete && defaultMet;
    console.log(
      `\nReal time ${seconds(performance.now() - realStart)}; ${ok ? "bounds met, listing complete" : "FAILED"}`,
    );
    return ok;
  } finally {
    await sim.close();
    await closeAgents();
    await database.stop();
  }
}
