// The AXL SOAP service every node serves on /axl/: getCCMVersion, listPhone, executeSQLQuery
// (two statements) and doDeviceReset, against the same cluster state RisPort answers from. It has
// its own counters and no share of RisPort's request budget; concurrency above `axlConcurrency`
// (or a forced busy state) is answered with HTTP 503.
import type { SimulatorClock } from "../clock";
import type { SimulatorSettings } from "../options";
import type { ClusterState } from "../state";
import type { SimDevice } from "../types";
import type { RegistrationStatus } from "../vocabulary";
import {
  axlUuid,
  callingSearchSpace,
  className,
  configuredDevices,
  modelName,
  protocolName,
  securityProfile,
} from "./inventory";
import { axlFault, axlResponse, tag, tooLargeMessage, wrongVersionPage } from "./replies";
import { AxlRequestError, readAxlRequest, text } from "./request";
import { parseStatement, refusedStatementMessage, runStatement, type SqlRow } from "./sql";

export interface AxlReset {
  name: string;
  type: "Reset" | "Restart";
  hard: boolean;
  /** Simulator ms. */
  at: number;
}

export interface AxlCounters {
  /** Requests that reached an operation, by operation name (unknown operations included). */
  byOperation: Record<string, number>;
  faults: number;
  /** Answered 503 (too many at once, or forced busy). */
  throttled: number;
  /** Answered 599 (namespace version not supported). */
  wrongVersion: number;
}

export interface AxlReply {
  status: number;
  body: string;
  contentType: string;
}

export interface AxlServiceOptions {
  versions: readonly string[];
  clusterVersion: string;
}

/** RisPort StatusReason of a device unregistered by a reset (CallManagerReset; unverified). */
const resetStatusReason = 9;

const searchFields = [
  "name",
  "description",
  "protocol",
  "callingSearchSpaceName",
  "devicePoolName",
  "securityProfileName",
] as const;

type PhoneTag = (device: SimDevice) => string;
const reference = (name: string, kind: string, value: string | null): string =>
  value === null || value === "" ? `<${name}/>` : tag(name, value, ` uuid="${axlUuid(kind, value)}"`);

/** listPhone's returned tags in the order AXL writes them (LPhone). */
const phoneTags: [string, PhoneTag][] = [
  ["name", (device) => tag("name", device.name)],
  ["description", (device) => tag("description", device.description)],
  ["product", (device) => tag("product", modelName(device))],
  ["model", (device) => tag("model", modelName(device))],
  ["class", (device) => tag("class", className(device))],
  ["protocol", (device) => tag("protocol", protocolName(device))],
  ["protocolSide", () => tag("protocolSide", "User")],
  ["callingSearchSpaceName", (device) => reference("callingSearchSpaceName", "css", callingSearchSpace(device))],
  ["devicePoolName", (device) => reference("devicePoolName", "devicepool", device.devicePool)],
  ["securityProfileName", (device) => reference("securityProfileName", "securityprofile", securityProfile(device))],
  ["locationName", (device) => reference("locationName", "location", device.location)],
  ["ownerUserName", (device) => reference("ownerUserName", "enduser", device.owner)],
];

function likePattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*");
  return new RegExp(`^${escaped}$`, "is");
}

const searchValue: Record<(typeof searchFields)[number], (device: SimDevice) => string> = {
  name: (device) => device.name,
  description: (device) => device.description,
  protocol: protocolName,
  callingSearchSpaceName: callingSearchSpace,
  devicePoolName: (device) => device.devicePool,
  securityProfileName: securityProfile,
};

function count(operation: string, name: string, value: unknown): number | undefined {
  const raw = text(value);
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw)) throw new AxlRequestError(`Invalid value for ${name}: ${raw}`, 5003, operation);
  return Number(raw);
}

function rowXml(row: SqlRow): string {
  let xml = "<row>";
  for (const [column, value] of Object.entries(row)) xml += tag(column, value);
  return `${xml}</row>`;
}

export class AxlService {
  private inFlight = 0;
  private busy = false;
  private sequence = 0;
  private readonly resets: AxlReset[] = [];
  /** Devices a reset unregistered: when they come back and to which status. */
  private readonly pending = new Map<string, { dueAt: number; restore: RegistrationStatus }>();
  private readonly counters: AxlCounters = { byOperation: {}, faults: 0, throttled: 0, wrongVersion: 0 };

  constructor(
    private readonly state: ClusterState,
    private readonly clock: SimulatorClock,
    private readonly settings: SimulatorSettings,
    private readonly options: AxlServiceOptions,
  ) {}

  /** Brings back every reset device whose delay has passed on the simulator clock. */
  settle(): void {
    const now = this.clock.nowMs();
    for (const [key, entry] of this.pending) {
      if (entry.dueAt > now) continue;
      this.pending.delete(key);
      const device = this.state.device(key);
      // Someone else (the control) changed it meanwhile: leave their status alone.
      if (device && device.status === "UnRegistered" && device.statusReason === resetStatusReason)
        this.state.setStatus(device.name, entry.restore);
    }
  }

  /** Admits a request, or refuses it (503) when too many are in progress or busy is forced. */
  enter(): boolean {
    if (this.busy || this.inFlight >= this.settings.axlConcurrency) {
      this.counters.throttled++;
      return false;
    }
    this.inFlight++;
    return true;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
  }

  resetLog(): AxlReset[] {
    return this.resets.map((reset) => ({ ...reset }));
  }

  counterSnapshot(): AxlCounters {
    return structuredClone(this.counters);
  }

  handle(body: string): AxlReply {
    let operation = "unknown";
    try {
      const request = readAxlRequest(body);
      operation = request.operation;
      if (request.version === undefined || !this.options.versions.includes(request.version)) {
        this.counters.wrongVersion++;
        return { status: 599, body: wrongVersionPage(this.options.versions), contentType: "text/html;charset=utf-8" };
      }
      this.counters.byOperation[operation] = (this.counters.byOperation[operation] ?? 0) + 1;
      const inner = this.run(operation, request.args);
      return {
        status: 200,
        body: axlResponse(operation, request.version, inner.xml, inner.attributes),
        contentType: "text/xml;charset=utf-8",
      };
    } catch (error) {
      this.counters.faults++;
      const fault =
        error instanceof AxlRequestError
          ? error
          : new AxlRequestError(`java.lang.RuntimeException: ${(error as Error).message}`, -1, operation);
      return {
        status: 500,
        body: axlFault(fault.operation === "unknown" ? operation : fault.operation, fault.axlCode, fault.message),
        contentType: "text/xml;charset=utf-8",
      };
    }
  }

  private run(operation: string, args: Record<string, unknown>): { xml: string; attributes?: string } {
    switch (operation) {
      case "getCCMVersion":
        return {
          xml: `<return><componentVersion>${tag("version", this.options.clusterVersion)}</componentVersion></return>`,
        };
      case "listPhone":
        return { xml: this.listPhone(args) };
      case "executeSQLQuery":
        return { xml: this.executeSqlQuery(args), attributes: ` sequence="${++this.sequence}"` };
      case "doDeviceReset":
        return { xml: this.doDeviceReset(args) };
      default:
        throw new AxlRequestError(`Operation not supported by this simulator: ${operation}`, -1, operation);
    }
  }

  private page<T>(operation: string, rows: readonly T[], skip: number, first: number | undefined): T[] {
    const paged = rows.slice(skip, first === undefined ? undefined : skip + first);
    if (paged.length > this.settings.axlMaxRows)
      throw new AxlRequestError(tooLargeMessage(rows.length, this.settings.axlMaxRows), -1, operation);
    return paged;
  }

  private listPhone(args: Record<string, unknown>): string {
    const criteria = args.searchCriteria;
    if (criteria === undefined) throw new AxlRequestError("searchCriteria is required", 5003, "listPhone");
    const given = criteria && typeof criteria === "object" ? (criteria as Record<string, unknown>) : {};
    const tests: [(device: SimDevice) => string, RegExp][] = [];
    for (const field of searchFields) {
      const value = text(given[field]);
      if (value) tests.push([searchValue[field], likePattern(value)]);
    }
    if (tests.length === 0)
      throw new AxlRequestError(`searchCriteria needs at least one of ${searchFields.join(", ")}`, 5003, "listPhone");
    const returned = args.returnedTags;
    const wanted =
      returned && typeof returned === "object"
        ? new Set(Object.keys(returned).filter((key) => !key.startsWith("@_") && key !== "#text"))
        : new Set<string>();
    const renderers = phoneTags.filter(([name]) => wanted.size === 0 || wanted.has(name)).map(([, render]) => render);
    const matched = configuredDevices(this.state).filter(
      (device) => className(device) === "Phone" && tests.every(([value, pattern]) => pattern.test(value(device))),
    );
    const skip = count("listPhone", "skip", args.skip) ?? 0;
    const first = count("listPhone", "first", args.first);
    const phones = this.page("listPhone", matched, skip, first);
    if (phones.length === 0) return "<return/>";
    let xml = "<return>";
    for (const device of phones) {
      xml += `<phone uuid="${axlUuid("device", device.name)}">`;
      for (const render of renderers) xml += render(device);
      xml += "</phone>";
    }
    return `${xml}</return>`;
  }

  private executeSqlQuery(args: Record<string, unknown>): string {
    const sql = text(args.sql) ?? "";
    const parsed = parseStatement(sql);
    const rows = parsed ? runStatement(this.state, parsed.statement) : undefined;
    if (!parsed || !rows) throw new AxlRequestError(refusedStatementMessage, -1, "executeSQLQuery");
    const paged = this.page("executeSQLQuery", rows, parsed.skip, parsed.first);
    return paged.length === 0 ? "<return/>" : `<return>${paged.map(rowXml).join("")}</return>`;
  }

  private doDeviceReset(args: Record<string, unknown>): string {
    const name = text(args.deviceName) ?? "";
    const device = name ? this.state.device(name) : undefined;
    if (!device) throw new AxlRequestError("Item not valid: The specified Phone was not found", 5007, "doDeviceReset");
    const hardText = (text(args.isHardReset) ?? "false").toLowerCase();
    if (hardText !== "true" && hardText !== "false")
      throw new AxlRequestError(`Invalid value for isHardReset: ${hardText}`, 5003, "doDeviceReset");
    const typeText = text(args.deviceResetType) || "Reset";
    if (typeText !== "Reset" && typeText !== "Restart")
      throw new AxlRequestError(`Invalid value for deviceResetType: ${typeText}`, 5003, "doDeviceReset");
    const now = this.clock.nowMs();
    this.resets.push({ name: device.name, type: typeText, hard: hardText === "true", at: now });
    const key = device.name.toUpperCase();
    const pending = this.pending.get(key);
    const registered = device.status === "Registered" || device.status === "PartiallyRegistered";
    if (!device.configuredOnly && (registered || pending)) {
      this.pending.set(key, {
        dueAt: now + this.settings.axlResetDelayMs,
        restore: pending?.restore ?? device.status,
      });
      this.state.setStatus(device.name, "UnRegistered", resetStatusReason);
    }
    return tag("return", axlUuid("device", device.name));
  }
}
