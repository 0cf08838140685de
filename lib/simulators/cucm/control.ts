// The in-process control surface tests and demos drive the cluster with: statuses, failovers,
// devices coming and going, nodes going down, the budget, the clock and the request log.
import type {
  BudgetWindow,
  RequestBudget,
  RequestCounters,
  RequestLog,
  RequestLogEntry,
  RequestOutcome,
} from "./budget";
import type { AxlCounters, AxlReset, AxlService } from "./axl/service";
import type { SimulatorClock } from "./clock";
import type { DeviceSpec } from "./device-spec";
import type { SimulatorSettings } from "./options";
import type { ClusterState } from "./state";
import type { CtiApplication, SimDevice } from "./types";
import type { CtiStatus, DeviceClass, RegistrationStatus } from "./vocabulary";

export interface NodeSummary {
  name: string;
  url: string;
  down: boolean;
  reachable: boolean;
  currentDevices: number;
  staleRecords: number;
  deviceStateId: number;
  ctiStateId: number;
}

export interface ShareOptions {
  /** 0..1 of the eligible devices. */
  share: number;
  /** Same seed, same devices. */
  seed?: number | string;
  /** Only devices whose current record is on this node. */
  node?: string;
  deviceClass?: Exclude<DeviceClass, "Any">;
}

export type DeviceSnapshot = Omit<SimDevice, "xml" | "staleRegistrations"> & {
  staleRegistrations: { node: string; timeStamp: number; statusReason: number }[];
};

export interface CucmControl {
  nodes(): NodeSummary[];
  device(name: string): DeviceSnapshot | undefined;
  deviceNames(): string[];
  setDeviceStatus(name: string, status: RegistrationStatus, statusReason?: number): void;
  /** Sets the status of a share of devices; returns the names changed. */
  setStatusShare(options: ShareOptions & { status: RegistrationStatus; statusReason?: number }): string[];
  failoverDevices(names: readonly string[], toNode: string): void;
  /** Fails a share of devices over to `toNode`; returns the names moved. */
  failoverShare(options: ShareOptions & { toNode: string }): string[];
  addDevices(specs: readonly DeviceSpec[]): void;
  removeDevices(names: readonly string[]): number;
  /** RisPort stops reporting these devices, as after a node restart; they stay configured (AXL). */
  forgetRegistrations(names: readonly string[]): number;
  setNodeDown(name: string, down?: boolean): void;
  setNodeReachable(name: string, reachable: boolean): void;
  ctiApplications(): CtiApplication[];
  setCtiApplicationStatus(appId: string, status: CtiStatus): void;
  setBudget(perMinute: number, window?: BudgetWindow): void;
  resetBudget(): void;
  injectRateControlFault(count?: number): void;
  setReplyCap(cap: number): void;
  setLatency(ms: number): void;
  setReplyShape(shape: Partial<Pick<SimulatorSettings, "zeroResult" | "noChangeScope">>): void;
  setNameMatching(matching: SimulatorSettings["nameMatching"]): void;
  setMaxSelectItems(max: number | null): void;
  /** How requests authenticated: Basic credentials (no live cookie), a session cookie, or refused (401). */
  authenticationCounters(): AuthenticationCounters;
  /** Forgets every session, as a node restart or an idle timeout would: the next cookie gets 401. */
  expireSessions(): void;
  requestCounters(): RequestCounters;
  requestLog(): RequestLogEntry[];
  maxRequestsInAnyWindow(windowMs?: number, outcomes?: readonly RequestOutcome[]): number;
  clearRequestLog(): void;
  now(): number;
  setClock(ms: number): void;
  advanceClock(ms: number): void;
  releaseClock(): void;
  /** Every doDeviceReset that named a known device, in order. */
  axlResets(): AxlReset[];
  /** AXL requests by operation, faults, 503s and 599s; AXL never touches the RisPort budget or log. */
  axlCounters(): AxlCounters;
  /** Forces every AXL request to get HTTP 503 (true) until set back (false). */
  setAxlBusy(busy: boolean): void;
  setAxlConcurrency(max: number): void;
  setAxlMaxRows(max: number): void;
}

export interface AuthenticationCounters {
  /** Requests that authenticated with Basic credentials (no live session cookie). */
  withCredentials: number;
  withCookie: number;
  sessionsIssued: number;
  refused: number;
}

export interface ControlContext {
  sessions: Map<string, number>;
  authentications: AuthenticationCounters;
  state: ClusterState;
  budget: RequestBudget;
  log: RequestLog;
  clock: SimulatorClock;
  settings: SimulatorSettings;
  axl: AxlService;
  urlOf(nodeName: string): string;
}

function snapshot(device: SimDevice): DeviceSnapshot {
  const { xml: _xml, staleRegistrations, ...rest } = device;
  return structuredClone({
    ...rest,
    staleRegistrations: staleRegistrations.map(({ node, timeStamp, statusReason }) => ({
      node,
      timeStamp,
      statusReason,
    })),
  });
}

export function createControl(context: ControlContext): CucmControl {
  const { state, budget, log, clock, settings, axl } = context;
  const share = (options: ShareOptions, extra: (device: SimDevice) => boolean = () => true): SimDevice[] => {
    const node = options.node === undefined ? undefined : state.requireNode(options.node).name;
    return state.pickShare(
      options.share,
      options.seed ?? 1,
      (device) =>
        (!node || device.node === node) &&
        (!options.deviceClass || device.deviceClass === options.deviceClass) &&
        extra(device),
    );
  };
  return {
    nodes: () => {
      axl.settle();
      return state.nodes.map((node) => {
        const listing = state.listing(node.name);
        const stale = listing.filter((entry) => entry.stale).length;
        return {
          name: node.name,
          url: context.urlOf(node.name),
          down: node.down,
          reachable: !node.unreachable,
          currentDevices: listing.length - stale,
          staleRecords: stale,
          deviceStateId: node.deviceStateId,
          ctiStateId: node.ctiStateId,
        };
      });
    },
    device: (name) => {
      axl.settle();
      const device = state.device(name);
      return device ? snapshot(device) : undefined;
    },
    deviceNames: () => [...state.devices()].map((device) => device.name),
    setDeviceStatus: (name, status, statusReason) => void state.setStatus(name, status, statusReason),
    setStatusShare: (options) =>
      share(options).map((device) => state.setStatus(device.name, options.status, options.statusReason).name),
    failoverDevices: (names, toNode) => names.forEach((name) => state.failover(name, toNode)),
    failoverShare: (options) => {
      const target = state.requireNode(options.toNode).name;
      return share(options, (device) => device.node !== target).map(
        (device) => state.failover(device.name, target).name,
      );
    },
    addDevices: (specs) => specs.forEach((spec) => state.addDevice(spec)),
    removeDevices: (names) => names.filter((name) => state.removeDevice(name)).length,
    forgetRegistrations: (names) => names.filter((name) => state.forgetRegistration(name)).length,
    setNodeDown: (name, down = true) => state.setNodeDown(name, down),
    setNodeReachable: (name, reachable) => state.setNodeReachable(name, reachable),
    ctiApplications: () => structuredClone(state.ctiApplications),
    setCtiApplicationStatus: (appId, status) => void state.setCtiApplicationStatus(appId, status),
    setBudget: (perMinute, window) => {
      budget.perMinute = perMinute;
      if (window) budget.window = window;
    },
    resetBudget: () => budget.reset(),
    injectRateControlFault: (count = 1) => budget.injectRateControlFaults(count),
    setReplyCap: (cap) => void (settings.replyCap = cap),
    setLatency: (ms) => void (settings.latencyMs = ms),
    setReplyShape: (shape) => void Object.assign(settings, shape),
    setNameMatching: (matching) => void (settings.nameMatching = matching),
    setMaxSelectItems: (max) => void (settings.maxSelectItems = max),
    authenticationCounters: () => ({ ...context.authentications }),
    expireSessions: () => context.sessions.clear(),
    requestCounters: () => log.counters(),
    requestLog: () => log.list(),
    maxRequestsInAnyWindow: (windowMs, outcomes) => log.maxInAnyWindow(windowMs, outcomes),
    clearRequestLog: () => log.clear(),
    now: () => clock.nowMs(),
    setClock: (ms) => {
      clock.set(ms);
      axl.settle();
    },
    advanceClock: (ms) => {
      clock.advance(ms);
      axl.settle();
    },
    releaseClock: () => {
      clock.release();
      axl.settle();
    },
    axlResets: () => axl.resetLog(),
    axlCounters: () => axl.counterSnapshot(),
    setAxlBusy: (busy) => axl.setBusy(busy),
    setAxlConcurrency: (max) => void (settings.axlConcurrency = max),
    setAxlMaxRows: (max) => void (settings.axlMaxRows = max),
  };
}
