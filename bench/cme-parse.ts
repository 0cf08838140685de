// Prints how fast a 500-phone ISgetDevice reply parses and maps, and how many HTTP round trips a
// full router poll takes against the simulator (cold and warm client, and with a router whose
// response buffer overflows). Figures only; nothing is asserted. Run: npm run bench:cme
import { performance } from "node:perf_hooks";
import { createCmeClient, type CmeClient } from "@/lib/cme";
import { buildRequest, readReply } from "@/lib/cme/envelope";
import { mapPhones } from "@/lib/cme/map-phone";
import { startCmeSimulator, type CmeSimulator } from "@/lib/simulators/cme";
import { closeAgents, element, parseXml, postXml } from "@/lib/soap";

const PHONES = 500;

async function rawDeviceReply(router: CmeSimulator): Promise<string> {
  const reply = await postXml({
    url: `${router.url}/ios_xml_app/cme`,
    body: buildRequest("ISgetDevice", element("ISDevName", "all")),
    username: "cisco",
    password: "cisco",
    contentType: "text/xml",
    timeoutMs: 30_000,
  });
  return reply.body;
}

function measure(label: string, body: string, run: () => unknown): void {
  for (let i = 0; i < 20; i++) run(); // warm up the JIT
  const rounds = 200;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) run();
  const msPerReply = (performance.now() - started) / rounds;
  const megabytes = Buffer.byteLength(body) / (1024 * 1024);
  console.log(
    `  ${label.padEnd(34)} ${msPerReply.toFixed(2).padStart(7)} ms/reply  ${(megabytes / (msPerReply / 1000)).toFixed(1).padStart(6)} MB/s`,
  );
}

/** Everything a poller reads from one router each cycle. */
async function fullPoll(cme: CmeClient): Promise<void> {
  await cme.getSystemStatus();
  await cme.getPhones([{ keyword: "all" }, { sipKeyword: "all" }]);
  await cme.getExtensions([{ keyword: "all" }, { sipKeyword: "all" }]);
  await cme.getEventCounts();
  await cme.getPhoneEvents({ keyword: "all" });
  await cme.getExtensionEvents({ keyword: "all" });
}

async function roundTrips(router: CmeSimulator, label: string): Promise<void> {
  const cme = createCmeClient({ baseUrl: router.url, username: "cisco", password: "cisco", timeoutMs: 30_000 });
  let before = cme.roundTrips;
  let started = performance.now();
  await fullPoll(cme);
  const cold = { trips: cme.roundTrips - before, ms: performance.now() - started };
  before = cme.roundTrips;
  started = performance.now();
  await fullPoll(cme);
  const warm = { trips: cme.roundTrips - before, ms: performance.now() - started };
  console.log(
    `  ${label.padEnd(34)} cold ${String(cold.trips).padStart(4)} round trips (${cold.ms.toFixed(0)} ms)` +
      `   warm ${String(warm.trips).padStart(4)} round trips (${warm.ms.toFixed(0)} ms)   max in flight ${router.control.maxInFlight()}`,
  );
}

async function main(): Promise<void> {
  for (const dialect of ["2008", "2010"] as const) {
    const router = await startCmeSimulator({ dialect, quirks: true, fleet: { seed: 42, ephones: PHONES, pools: 20 } });
    try {
      const body = await rawDeviceReply(router);
      console.log(
        `\n${dialect} dialect, quirks on: ${PHONES}-phone ISgetDevice reply, ${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB`,
      );
      measure("parseXml only", body, () => parseXml(body));
      measure("readReply + mapPhones (domain)", body, () => mapPhones(readReply(body).response));
      console.log(`  phones mapped: ${mapPhones(readReply(body).response).length}`);

      console.log(`round trips per full poll (global, phones, extensions, event counts, events):`);
      await roundTrips(router, "healthy router");
      router.control.setFailure("buffer-overflow");
      await roundTrips(router, "response buffer overflows");
    } finally {
      await router.close();
    }
  }
  await closeAgents();
}

await main();
