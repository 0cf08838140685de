// A simulated Cisco CME/SRST router speaking the XML API over loopback, for tests, the demo and
// `npm run sim:cme`. Shares the seed's vocabulary with lib/cme but none of its code.
import type { AddressInfo } from "node:net";
import { createControl, type CmeSimulatorControl } from "./control";
import { EventLog } from "./events";
import { buildFleet } from "./fleet";
import { cmeSimulatorOptionsSchema, type CmeSimulatorOptions } from "./options";
import { seededRandom } from "./random";
import { RequestCounters, RuntimeSettings } from "./runtime";
import { createCmeServer } from "./server";
import { RouterState } from "./state";

export type { CmeSimulatorControl, PhoneSnapshot } from "./control";
export type { DeviceEvent, ExtensionEvent } from "./events";
export type { RegistrationStatus } from "./model";
export { cmeSimulatorOptionsSchema, DIALECTS, FAILURE_MODES, QUIRKS } from "./options";
export type {
  CmeSimulatorOptions,
  Dialect,
  ExplicitExtension,
  ExplicitPhone,
  FailureMode,
  FleetSpec,
  Quirk,
} from "./options";
export type { MethodName } from "./request";
export { DROPPED_METHODS } from "./behaviour";
export type { RouterBehaviour, RouterBehaviourInput } from "./behaviour";

export interface CmeSimulator {
  /** http://127.0.0.1:PORT; the XML API is at `${url}/ios_xml_app/cme`. */
  url: string;
  port: number;
  control: CmeSimulatorControl;
  close(): Promise<void>;
}

export async function startCmeSimulator(input: CmeSimulatorOptions = {}): Promise<CmeSimulator> {
  const options = cmeSimulatorOptionsSchema.parse(input);
  const clock = options.clock ?? Date.now;
  const seed = "seed" in options.fleet ? options.fleet.seed : 1;
  const state = new RouterState(
    buildFleet(options.fleet, clock()),
    new EventLog(options.eventLog, clock),
    clock,
    // Churn has its own sequence so that adding phones does not change which ones churn picks.
    seededRandom(seed ^ 0x5eed),
  );
  const runtime = new RuntimeSettings(options);
  const counters = new RequestCounters();
  const control = createControl(state, runtime, counters);
  const server = createCmeServer({ options, state, runtime, counters, control });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const churnTimer = options.churn
    ? setInterval(
        () => state.churnTick(options.churn?.phones ?? 1, options.churn?.returnAfterTicks ?? 2),
        options.churn.everyMs,
      )
    : null;
  churnTimer?.unref();

  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (churnTimer) clearInterval(churnTimer);
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung and dripping replies would otherwise keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}
