// The control surface over HTTP for out-of-process drivers (demo scripts, Playwright): POST
// /__sim/control with {"action": ..., ...} and GET /__sim/state. Loopback only; --no-control turns it off.
import { z } from "zod";
import type { CucmControl } from "./control";
import { ctiStatusSchema, deviceClassSchema, registrationStatusSchema } from "./vocabulary";
import { deviceSpecSchema } from "./device-spec";

const shareFields = {
  share: z.number().min(0).max(1),
  seed: z.union([z.number(), z.string()]).optional(),
  node: z.string().optional(),
  deviceClass: deviceClassSchema.exclude(["Any"]).optional(),
};

const controlCommandSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("setDeviceStatus"),
    name: z.string(),
    status: registrationStatusSchema,
    statusReason: z.number().int().optional(),
  }),
  z.object({
    action: z.literal("setStatusShare"),
    ...shareFields,
    status: registrationStatusSchema,
    statusReason: z.number().int().optional(),
  }),
  z.object({ action: z.literal("failoverDevices"), names: z.array(z.string()), toNode: z.string() }),
  z.object({ action: z.literal("failoverShare"), ...shareFields, toNode: z.string() }),
  z.object({ action: z.literal("addDevices"), devices: z.array(deviceSpecSchema) }),
  z.object({ action: z.literal("removeDevices"), names: z.array(z.string()) }),
  z.object({ action: z.literal("setNodeDown"), node: z.string(), down: z.boolean().default(true) }),
  z.object({ action: z.literal("setNodeReachable"), node: z.string(), reachable: z.boolean() }),
  z.object({ action: z.literal("setCtiApplicationStatus"), appId: z.string(), status: ctiStatusSchema }),
  z.object({
    action: z.literal("setBudget"),
    perMinute: z.number().int().min(1),
    window: z.enum(["rolling", "fixed"]).optional(),
  }),
  z.object({ action: z.literal("resetBudget") }),
  z.object({ action: z.literal("injectRateControlFault"), count: z.number().int().min(1).default(1) }),
  z.object({ action: z.literal("setReplyCap"), cap: z.number().int().min(1) }),
  z.object({ action: z.literal("setLatency"), ms: z.number().min(0) }),
  z.object({
    action: z.literal("setReplyShape"),
    zeroResult: z.enum(["per-node", "nil-nodes"]).optional(),
    noChangeScope: z.enum(["node", "cluster"]).optional(),
  }),
  z.object({ action: z.literal("setNameMatching"), matching: z.enum(["case-insensitive", "case-sensitive"]) }),
  z.object({ action: z.literal("setMaxSelectItems"), max: z.number().int().min(1).nullable() }),
  z.object({ action: z.literal("authenticationCounters") }),
  z.object({ action: z.literal("expireSessions") }),
  z.object({ action: z.literal("requestLog") }),
  z.object({ action: z.literal("maxRequestsInAnyWindow"), windowMs: z.number().positive().optional() }),
  z.object({ action: z.literal("clearRequestLog") }),
  z.object({ action: z.literal("device"), name: z.string() }),
  z.object({ action: z.literal("setClock"), ms: z.number() }),
  z.object({ action: z.literal("advanceClock"), ms: z.number() }),
  z.object({ action: z.literal("releaseClock") }),
  z.object({ action: z.literal("axlResets") }),
  z.object({ action: z.literal("axlCounters") }),
  z.object({ action: z.literal("setAxlBusy"), busy: z.boolean() }),
  z.object({ action: z.literal("setAxlConcurrency"), max: z.number().int().min(1) }),
  z.object({ action: z.literal("setAxlMaxRows"), max: z.number().int().min(1) }),
]);
export type ControlCommand = z.infer<typeof controlCommandSchema>;

function run(control: CucmControl, command: ControlCommand): unknown {
  switch (command.action) {
    case "setDeviceStatus":
      return control.setDeviceStatus(command.name, command.status, command.statusReason);
    case "setStatusShare":
      return control.setStatusShare(command);
    case "failoverDevices":
      return control.failoverDevices(command.names, command.toNode);
    case "failoverShare":
      return control.failoverShare(command);
    case "addDevices":
      return control.addDevices(command.devices);
    case "removeDevices":
      return control.removeDevices(command.names);
    case "setNodeDown":
      return control.setNodeDown(command.node, command.down);
    case "setNodeReachable":
      return control.setNodeReachable(command.node, command.reachable);
    case "setCtiApplicationStatus":
      return control.setCtiApplicationStatus(command.appId, command.status);
    case "setBudget":
      return control.setBudget(command.perMinute, command.window);
    case "resetBudget":
      return control.resetBudget();
    case "injectRateControlFault":
      return control.injectRateControlFault(command.count);
    case "setReplyCap":
      return control.setReplyCap(command.cap);
    case "setLatency":
      return control.setLatency(command.ms);
    case "setReplyShape":
      return control.setReplyShape(command);
    case "setNameMatching":
      return control.setNameMatching(command.matching);
    case "setMaxSelectItems":
      return control.setMaxSelectItems(command.max);
    case "authenticationCounters":
      return control.authenticationCounters();
    case "expireSessions":
      return control.expireSessions();
    case "requestLog":
      return control.requestLog();
    case "maxRequestsInAnyWindow":
      return control.maxRequestsInAnyWindow(command.windowMs);
    case "clearRequestLog":
      return control.clearRequestLog();
    case "device":
      return control.device(command.name) ?? null;
    case "setClock":
      return control.setClock(command.ms);
    case "advanceClock":
      return control.advanceClock(command.ms);
    case "releaseClock":
      return control.releaseClock();
    case "axlResets":
      return control.axlResets();
    case "axlCounters":
      return control.axlCounters();
    case "setAxlBusy":
      return control.setAxlBusy(command.busy);
    case "setAxlConcurrency":
      return control.setAxlConcurrency(command.max);
    case "setAxlMaxRows":
      return control.setAxlMaxRows(command.max);
  }
}

export interface ControlReply {
  status: number;
  json: unknown;
}

export function handleControlRequest(control: CucmControl, method: string, path: string, body: string): ControlReply {
  if (method === "GET" && path === "/__sim/state") {
    return { status: 200, json: { nodes: control.nodes(), counters: control.requestCounters(), now: control.now() } };
  }
  if (method !== "POST" || path !== "/__sim/control")
    return { status: 404, json: { error: { code: "not_found", message: path } } };
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return { status: 400, json: { error: { code: "bad_json", message: "body is not JSON" } } };
  }
  const parsed = controlCommandSchema.safeParse(input);
  if (!parsed.success)
    return { status: 400, json: { error: { code: "bad_command", message: z.prettifyError(parsed.error) } } };
  try {
    return { status: 200, json: { ok: true, result: run(control, parsed.data) ?? null } };
  } catch (error) {
    return { status: 409, json: { error: { code: "rejected", message: (error as Error).message } } };
  }
}
