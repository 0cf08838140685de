// `npm run sim:cucm -- --port 8443 --nodes 3 --devices 40000`: runs a simulated CUCM cluster on
// loopback until SIGINT/SIGTERM, and prints each node's RisPort URL and the credentials.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { deviceSpecSchema } from "./device-spec";
import { startCucmSimulator } from "./index";

const usage = `Usage: sim:cucm [--port N] [--nodes K] [--devices N] [--seed S] [--cap N] [--budget N]
               [--user U] [--password P] [--latency MS] [--devices-file FILE.json] [--no-control]
               [--case-sensitive] [--max-items N] [--mixed-case SHARE] [--no-cookies]
               [--never-registered N] [--axl-max-rows N]`;

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      nodes: { type: "string" },
      devices: { type: "string" },
      seed: { type: "string" },
      cap: { type: "string" },
      budget: { type: "string" },
      user: { type: "string" },
      password: { type: "string" },
      latency: { type: "string" },
      "devices-file": { type: "string" },
      "no-control": { type: "boolean" },
      help: { type: "boolean" },
      "case-sensitive": { type: "boolean" },
      "max-items": { type: "string" },
      "mixed-case": { type: "string" },
      "no-cookies": { type: "boolean" },
      "never-registered": { type: "string" },
      "axl-max-rows": { type: "string" },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const explicitDevices = values["devices-file"]
    ? z.array(deviceSpecSchema).parse(JSON.parse(readFileSync(values["devices-file"], "utf8")))
    : [];
  const credentials = { user: values.user ?? "risuser", password: values.password ?? "risuser" };
  const simulator = await startCucmSimulator({
    basePort: numberOption(values.port, "port") ?? 0,
    nodes: numberOption(values.nodes, "nodes") ?? 3,
    devices: numberOption(values.devices, "devices") ?? 1000,
    seed: values.seed ?? 1,
    replyCap: numberOption(values.cap, "cap"),
    budgetPerMinute: numberOption(values.budget, "budget"),
    latencyMs: numberOption(values.latency, "latency"),
    credentials,
    explicitDevices,
    controlEndpoint: !values["no-control"],
    nameMatching: values["case-sensitive"] ? "case-sensitive" : "case-insensitive",
    maxSelectItems: numberOption(values["max-items"], "max-items"),
    mixedCaseShare: numberOption(values["mixed-case"], "mixed-case"),
    sessionCookies: !values["no-cookies"],
    neverRegistered: numberOption(values["never-registered"], "never-registered"),
    axlMaxRows: numberOption(values["axl-max-rows"], "axl-max-rows"),
  });
  console.log(
    `CUCM RisPort70 simulator: ${simulator.control.deviceNames().length} devices on ${simulator.nodeNames.length} nodes`,
  );
  simulator.nodeNames.forEach((name, index) =>
    console.log(`  ${name}  ${simulator.urls[index]}  AXL ${simulator.axlUrls[index]}`),
  );
  console.log(`  credentials: ${credentials.user} / ${credentials.password}`);
  if (!values["no-control"])
    console.log(
      `  control: POST ${new URL("/__sim/control", simulator.url)}  GET ${new URL("/__sim/state", simulator.url)}`,
    );

  const stop = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});
