// `npm run sim:cme -- --port 8081 ...`: one simulated router on the command line, until Ctrl-C.
import { parseArgs } from "node:util";
import { DROPPED_METHODS, type RouterBehaviour } from "./behaviour";
import { cmeSimulatorOptionsSchema, QUIRKS, type CmeSimulatorOptions } from "./options";
import { startCmeSimulator } from "./index";

const USAGE = `Usage: npm run sim:cme -- [options]
  --port <n>          port to listen on (0 = any free port; default 8081)
  --host <addr>       address to bind (default 127.0.0.1)
  --user <name>       XML API user (default cisco)
  --password <pw>     XML API password (default cisco)
  --dialect <d>       2008 or 2010 reply dialect (default 2008)
  --phones <n>        SCCP ephones to generate (default 20)
  --pools <n>         SIP voice register pools to generate (default 4)
  --seed <n>          fleet seed (default 1)
  --latency <ms>      delay before every answer
  --failure <mode>    401, 500, hang, slow-drip, truncated, html, doctype-bomb, buffer-overflow
  --quirks            sprinkle real-world quirks (${QUIRKS.join(", ")})
  --churn <ms>        every <ms> one phone drops and the one dropped two ticks before returns
  --sip-in-getdevice <ignore|fault>   newer form: SIP selectors inside ISgetDevice (default ignore)
  --cut-all-above <n> cut \`all\` replies with more than <n> entities (a large router)
  --tag-list <documented|unexpected>  the shape of allTag replies (default documented)
  --event-ids <from|exact>            how ISDevEvtID / ISExtEvtID are read (default from)
  --refuse-dropped <ISError|fault|empty>  refuse the methods the newer guide dropped
  --no-control        disable POST /__sim/control`;

function number(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`not a number: ${text}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      user: { type: "string" },
      password: { type: "string" },
      dialect: { type: "string" },
      phones: { type: "string" },
      pools: { type: "string" },
      seed: { type: "string" },
      latency: { type: "string" },
      failure: { type: "string" },
      quirks: { type: "boolean" },
      churn: { type: "string" },
      "sip-in-getdevice": { type: "string" },
      "cut-all-above": { type: "string" },
      "tag-list": { type: "string" },
      "event-ids": { type: "string" },
      "refuse-dropped": { type: "string" },
      "no-control": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const input: CmeSimulatorOptions = {
    port: number(values.port, 8081),
    host: values.host,
    xmlUser: values.user,
    xmlPassword: values.password,
    dialect: values.dialect as CmeSimulatorOptions["dialect"],
    fleet: { seed: number(values.seed, 1), ephones: number(values.phones, 20), pools: number(values.pools, 4) },
    latencyMs: number(values.latency, 0),
    failure: (values.failure ?? null) as CmeSimulatorOptions["failure"],
    quirks: values.quirks ?? false,
    churn: values.churn ? { everyMs: number(values.churn, 0), phones: 1, returnAfterTicks: 2 } : null,
    controlEndpoint: !values["no-control"],
    behaviour: {
      sipInSccpMethods: values["sip-in-getdevice"] as RouterBehaviour["sipInSccpMethods"] | undefined,
      cutAllAbove: values["cut-all-above"] === undefined ? null : number(values["cut-all-above"], 0),
      tagListShape: values["tag-list"] as RouterBehaviour["tagListShape"] | undefined,
      eventIdReading: values["event-ids"] as RouterBehaviour["eventIdReading"] | undefined,
      refuse: values["refuse-dropped"] ? [...DROPPED_METHODS] : [],
      refusal: values["refuse-dropped"] as RouterBehaviour["refusal"] | undefined,
    },
  };
  const parsed = cmeSimulatorOptionsSchema.safeParse(input);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const simulator = await startCmeSimulator(input);
  const options = parsed.data;
  console.log(`CME simulator (${options.dialect} dialect) listening on ${simulator.url}/ios_xml_app/cme`);
  console.log(`XML user: ${options.xmlUser}  password: ${options.xmlPassword}`);
  if (options.controlEndpoint) console.log(`control: POST ${simulator.url}/__sim/control  {"action":"phones"}`);

  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
