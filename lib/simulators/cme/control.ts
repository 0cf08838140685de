// How tests and the demo steer a running simulator: an in-process API, and the same actions as
// JSON over POST /__sim/control (which the demo can switch off).
import { z } from "zod";
import { behaviourSchema, type RouterBehaviour } from "./behaviour";
import type { DeviceEvent, ExtensionEvent } from "./events";
import { deviceName, type Protocol, type RegistrationStatus } from "./model";
import {
  activeQuirks,
  DIALECTS,
  FAILURE_MODES,
  QUIRKS,
  REGISTRATION_STATUSES,
  type Dialect,
  type FailureMode,
  type Quirk,
} from "./options";
import { METHODS, type MethodName } from "./request";
import { renderRunningConfig } from "./running-config";
import type { RequestCounters, RuntimeSettings } from "./runtime";
import type { RouterState } from "./state";

export interface PhoneSnapshot {
  name: string;
  protocol: Protocol;
  /** Ephone tag (SCCP) or voice register pool tag (SIP). */
  tag: number;
  type: string;
  status: RegistrationStatus;
  keyPhone: boolean;
  lines: string[];
  userName: string;
}

export interface CmeSimulatorControl {
  /** Registers or drops a phone by device name or MAC, logging events like the router; throws if unknown. */
  setPhoneStatus(name: string, status: RegistrationStatus): void;
  /** Flips the registration of `count` seeded-random phones; returns their names. */
  churn(count?: number): string[];
  /** Whether the SCCP phone is a key phone; undefined if there is no such phone. */
  keyPhone(name: string): boolean | undefined;
  /** A phone user's current password; undefined if there is no such user. */
  userPassword(userId: string): string | undefined;
  setFailure(mode: FailureMode | null): void;
  failure(): FailureMode | null;
  setDialect(dialect: Dialect): void;
  setQuirks(quirks: boolean | Quirk[]): void;
  setLatency(ms: number): void;
  /** Newer-form and large-router behaviour (behaviour.ts); unnamed settings stay as they are. */
  setBehaviour(behaviour: Partial<RouterBehaviour>): void;
  /** While set, ISSaveConfig answers "delay" and saves once the session closes. */
  setTerminalSession(open: boolean): void;
  /** While set, ISSaveConfig answers "fail". */
  setSaveConfigFails(fails: boolean): void;
  requestCount(method?: MethodName): number;
  inFlight(): number;
  maxInFlight(): number;
  resetCounters(): void;
  phones(): PhoneSnapshot[];
  events(): { devices: DeviceEvent[]; extensions: ExtensionEvent[] };
  runningConfig(): string;
  startupConfig(): string;
}

export function createControl(
  state: RouterState,
  runtime: RuntimeSettings,
  counters: RequestCounters,
): CmeSimulatorControl {
  const { config } = state;
  return {
    setPhoneStatus(name, status) {
      if (!state.setPhoneStatus(name, status)) throw new Error(`no phone named ${name}`);
    },
    churn: (count = 1) => state.churn(count),
    keyPhone: (name) => state.findEphone(name)?.keyPhone,
    userPassword: (userId) => config.users.get(userId)?.password,
    setFailure(mode) {
      runtime.failure = mode;
    },
    failure: () => runtime.failure,
    setDialect(dialect) {
      runtime.dialect = dialect;
    },
    setQuirks(quirks) {
      runtime.quirks = activeQuirks(quirks);
    },
    setLatency(ms) {
      runtime.latencyMs = Math.max(0, ms);
    },
    setBehaviour(behaviour) {
      const named = Object.fromEntries(Object.entries(behaviour).filter(([, value]) => value !== undefined));
      runtime.behaviour = behaviourSchema.parse({ ...runtime.behaviour, ...named });
    },
    setTerminalSession: (open) => state.setTerminalSession(open),
    setSaveConfigFails(fails) {
      state.saveConfigFails = fails;
    },
    requestCount: (method) => counters.requestCount(method),
    inFlight: () => counters.inFlight(),
    maxInFlight: () => counters.maxInFlight(),
    resetCounters: () => counters.reset(),
    phones() {
      const numberOf = (dns: Map<number, { number: string }>, tag: number) => dns.get(tag)?.number ?? "";
      const sccp = [...config.ephones.values()].map((phone) => ({
        name: phone.mac ? deviceName(phone.type, phone.mac) : "",
        protocol: "sccp" as const,
        tag: phone.tag,
        type: phone.type,
        status: phone.status,
        keyPhone: phone.keyPhone,
        lines: phone.buttons.map((button) => numberOf(config.ephoneDns, button.dnTag)),
        userName: phone.userName,
      }));
      const sip = [...config.pools.values()].map((pool) => ({
        name: pool.mac ? deviceName(pool.type, pool.mac) : "",
        protocol: "sip" as const,
        tag: pool.tag,
        type: pool.type,
        status: pool.status,
        keyPhone: false,
        lines: pool.lines.map((line) => numberOf(config.voiceRegisterDns, line.dnTag)),
        userName: "",
      }));
      return [...sccp, ...sip].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.tag - b.tag);
    },
    events: () => ({ devices: [...state.events.devices.list()], extensions: [...state.events.extensions.list()] }),
    runningConfig: () => renderRunningConfig(config),
    startupConfig: () => state.startupConfig(),
  };
}

const controlAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("setPhoneStatus"), name: z.string(), status: z.enum(REGISTRATION_STATUSES) }),
  z.object({ action: z.literal("churn"), count: z.number().int().positive().default(1) }),
  z.object({ action: z.literal("keyPhone"), name: z.string() }),
  z.object({ action: z.literal("userPassword"), userId: z.string() }),
  z.object({ action: z.literal("setFailure"), mode: z.enum(FAILURE_MODES).nullable() }),
  z.object({ action: z.literal("setDialect"), dialect: z.enum(DIALECTS) }),
  z.object({ action: z.literal("setQuirks"), quirks: z.union([z.boolean(), z.array(z.enum(QUIRKS))]) }),
  z.object({ action: z.literal("setLatency"), ms: z.number().min(0) }),
  z.object({ action: z.literal("setBehaviour"), behaviour: behaviourSchema.partial() }),
  z.object({ action: z.literal("setTerminalSession"), open: z.boolean() }),
  z.object({ action: z.literal("setSaveConfigFails"), fails: z.boolean() }),
  z.object({ action: z.literal("requestCount"), method: z.enum(METHODS).optional() }),
  z.object({ action: z.enum(["maxInFlight", "resetCounters", "phones", "events", "runningConfig", "startupConfig"]) }),
]);

/** Runs one JSON action; the answer is `{ result }`, or an error envelope with status 400. */
export function runControlAction(control: CmeSimulatorControl, body: unknown): { status: number; json: unknown } {
  const parsed = controlAction.safeParse(body);
  if (!parsed.success)
    return { status: 400, json: { error: { code: "bad_request", message: z.prettifyError(parsed.error) } } };
  const action = parsed.data;
  try {
    return { status: 200, json: { result: dispatch(control, action) ?? null } };
  } catch (error) {
    return { status: 400, json: { error: { code: "rejected", message: (error as Error).message } } };
  }
}

function dispatch(control: CmeSimulatorControl, action: z.output<typeof controlAction>): unknown {
  switch (action.action) {
    case "setPhoneStatus":
      return control.setPhoneStatus(action.name, action.status);
    case "churn":
      return control.churn(action.count);
    case "keyPhone":
      return control.keyPhone(action.name);
    case "userPassword":
      return control.userPassword(action.userId);
    case "setFailure":
      return control.setFailure(action.mode);
    case "setDialect":
      return control.setDialect(action.dialect);
    case "setQuirks":
      return control.setQuirks(action.quirks);
    case "setLatency":
      return control.setLatency(action.ms);
    case "setBehaviour":
      return control.setBehaviour(action.behaviour);
    case "setTerminalSession":
      return control.setTerminalSession(action.open);
    case "setSaveConfigFails":
      return control.setSaveConfigFails(action.fails);
    case "requestCount":
      return control.requestCount(action.method);
    default:
      return control[action.action]();
  }
}
