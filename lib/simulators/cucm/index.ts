// Starts a simulated CUCM cluster: K nodes, each on its own loopback port, answering RisPort70 from
// one shared state and one cluster-wide request budget, as any real node answers for the cluster.
import type { Server } from "node:http";
import { RequestBudget, RequestLog } from "./budget";
import { SimulatorClock } from "./clock";
import { createControl, type CucmControl } from "./control";
import { buildCtiApplication, generateCtiApplications } from "./cti-fleet";
import { AxlService } from "./axl/service";
import { generateFleet } from "./fleet";
import { cucmSimulatorOptionsSchema, type CucmSimulatorOptions, type SimulatorSettings } from "./options";
import { axlPath, servicePath, startNodeServer } from "./server";
import { ClusterState } from "./state";

export type { CucmSimulatorOptions } from "./options";
export type { CucmControl, DeviceSnapshot, NodeSummary, ShareOptions } from "./control";
export type { DeviceSpec } from "./device-spec";
export type { CtiApplicationSpec } from "./cti-fleet";
export type { RequestLogEntry, RequestCounters, RequestOutcome } from "./budget";
export type { AxlCounters, AxlReset } from "./axl/service";
export { axlPath, servicePath } from "./server";

export interface CucmSimulator {
  /** One RISService70 URL per node, in node order. */
  urls: string[];
  /** The first node's URL. */
  url: string;
  nodeNames: string[];
  /** One AXL URL (`http://host:port/axl/`) per node, in node order. */
  axlUrls: string[];
  credentials: { user: string; password: string };
  control: CucmControl;
  close(): Promise<void>;
}

export async function startCucmSimulator(input: CucmSimulatorOptions = {}): Promise<CucmSimulator> {
  const options = cucmSimulatorOptionsSchema.parse(input);
  const nodeNames = options.nodeNames ?? Array.from({ length: options.nodes }, (_, index) => `cucm${index + 1}`);
  const clock = new SimulatorClock(options.clock);
  const state = new ClusterState(nodeNames, clock);
  const nowSeconds = clock.nowSeconds();

  for (const spec of generateFleet({
    devices: options.devices,
    nodeNames,
    seed: options.seed,
    nowSeconds,
    staleShare: options.staleShare,
    mixedCaseShare: options.mixedCaseShare,
    neverRegistered: options.neverRegistered,
  })) {
    state.addDevice(spec);
  }
  for (const spec of options.explicitDevices) state.addDevice(spec);
  // Configured-only devices never register, so no CTI application controls them.
  const devices = [...state.devices()].filter((device) => !device.configuredOnly);
  const devicesByName = new Map(devices.map((device) => [device.name.toUpperCase(), device]));
  state.ctiApplications = [
    ...generateCtiApplications(options.ctiApplications, options.seed, devices, nodeNames, nowSeconds),
    ...options.explicitCtiApplications.map((spec) => buildCtiApplication(spec, devicesByName, nodeNames, nowSeconds)),
  ];

  const settings: SimulatorSettings = {
    replyCap: options.replyCap,
    nameMatching: options.nameMatching,
    maxSelectItems: options.maxSelectItems ?? null,
    sessionCookies: options.sessionCookies,
    latencyMs: options.latencyMs,
    noChangeScope: options.noChangeScope,
    zeroResult: options.zeroResult,
    credentials: options.credentials,
    axlMaxRows: options.axlMaxRows,
    axlResetDelayMs: options.axlResetDelayMs,
    axlConcurrency: options.axlConcurrency,
  };
  const axl = new AxlService(state, clock, settings, {
    versions: options.axlVersions,
    clusterVersion: options.axlVersion,
  });
  const budget = new RequestBudget(clock, options.budgetPerMinute, options.budgetWindow);
  const log = new RequestLog();
  const urls = new Map<string, string>();
  const sessions = new Map<string, number>();
  const authentications = { withCredentials: 0, withCookie: 0, sessionsIssued: 0, refused: 0 };
  const control = createControl({
    state,
    budget,
    log,
    clock,
    settings,
    sessions,
    authentications,
    axl,
    urlOf: (name) => urls.get(name) ?? "",
  });
  const context = {
    state,
    budget,
    log,
    clock,
    settings,
    control,
    controlEndpoint: options.controlEndpoint,
    sessions,
    authentications,
    axl,
    axlVersion: options.axlVersion,
  };

  const servers: Server[] = [];
  try {
    for (const [index, name] of nodeNames.entries()) {
      const port = options.basePort === 0 ? 0 : options.basePort + index;
      const started = await startNodeServer(context, name, options.host, port);
      servers.push(started.server);
      urls.set(name, `http://${options.host}:${started.port}${servicePath}`);
    }
  } catch (error) {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    throw error;
  }

  const nodeUrls = nodeNames.map((name) => urls.get(name) as string);
  return {
    urls: nodeUrls,
    url: nodeUrls[0] as string,
    nodeNames,
    axlUrls: nodeUrls.map((url) => new URL(axlPath, url).toString()),
    credentials: { ...options.credentials },
    control,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
