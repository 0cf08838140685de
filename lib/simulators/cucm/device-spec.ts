// How a device is described to the simulator (generated fleet, explicit demo devices, the control
// endpoint), and how a description becomes a full device: anything left out is derived from the
// name, so the same spec always yields the same device.
import { z } from "zod";
import { kindForModel, kindForName } from "./device-kinds";
import { seededRandom } from "./random";
import type { IpAddress, SimDevice } from "./types";
import {
  deviceClassSchema,
  downloadStatusFilterSchema,
  lineStatusSchema,
  protocolFilterSchema,
  registrationStatusSchema,
  type DeviceProtocol,
  type LineStatus,
  type RegistrationStatus,
} from "./vocabulary";

const staleRegistrationSchema = z.object({
  node: z.string().min(1),
  timeStamp: z.number().int().nonnegative(),
  statusReason: z.number().int().nonnegative().default(13),
});

export const deviceSpecSchema = z.object({
  name: z.string().min(1).max(128),
  /** Node holding the current registration; defaults to one picked from the name. */
  node: z.string().min(1).optional(),
  model: z.number().int().positive().optional(),
  deviceClass: deviceClassSchema.exclude(["Any"]).optional(),
  protocol: protocolFilterSchema.exclude(["Any"]).optional(),
  description: z.string().optional(),
  lines: z.array(z.string().min(1)).optional(),
  lineStatuses: z.array(lineStatusSchema).optional(),
  status: registrationStatusSchema.optional(),
  statusReason: z.number().int().nonnegative().optional(),
  ipv4: z.string().nullable().optional(),
  ipv6: z.string().nullable().optional(),
  loginUserId: z.string().nullable().optional(),
  activeLoadId: z.string().nullable().optional(),
  inactiveLoadId: z.string().nullable().optional(),
  downloadStatus: downloadStatusFilterSchema.exclude(["Any"]).optional(),
  downloadFailureReason: z.string().nullable().optional(),
  downloadServer: z.string().nullable().optional(),
  timeStamp: z.number().int().nonnegative().optional(),
  registrationAttempts: z.number().int().nonnegative().optional(),
  staleRegistrations: z.array(staleRegistrationSchema).optional(),
  /** AXL configuration; derived from the name when left out (see configuredSite). */
  devicePool: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  /** The owner user id; defaults to loginUserId, else none. */
  owner: z.string().min(1).nullable().optional(),
  /** Configured in the database but never registered: listed by AXL, absent from RisPort. */
  configuredOnly: z.boolean().optional(),
});
export type DeviceSpec = z.input<typeof deviceSpecSchema>;

/** The reason a device reports for a status when nobody said otherwise. */
export function defaultStatusReason(status: RegistrationStatus, protocol: DeviceProtocol): number {
  if (status === "Registered" || status === "PartiallyRegistered") return 0;
  if (status === "Rejected") return protocol === "SIP" ? 14 : 12;
  if (status === "Unknown") return 1;
  return 13;
}

/** Per-line statuses that agree with the device status; a partial registration leaves later lines down. */
export function lineStatusesFor(status: RegistrationStatus, lineCount: number): LineStatus[] {
  return Array.from({ length: lineCount }, (_, index): LineStatus => {
    if (status === "PartiallyRegistered") return index === 0 ? "Registered" : "UnRegistered";
    return status;
  });
}

/** Sites a device's pool and location are named after when its spec names none. */
const sites = ["HQ", "HQ", "HQ", "Branch-01", "Branch-02", "Branch-03"] as const;

/** The site a device belongs to, from its name alone: `DP-<site>` / `LOC-<site>` by default. */
export function configuredSite(name: string): string {
  return seededRandom(`site:${name.toUpperCase()}`).pick(sites);
}

export interface BuildContext {
  nodeNames: readonly string[];
  nowSeconds: number;
  sequence: number;
}

export function buildDevice(input: DeviceSpec, context: BuildContext): SimDevice {
  const spec = deviceSpecSchema.parse(input);
  const random = seededRandom(`device:${spec.name}`);
  const kind = (spec.model !== undefined ? kindForModel(spec.model) : undefined) ?? kindForName(spec.name);
  const protocol = spec.protocol ?? kind.protocols[0] ?? "Unknown";
  const status = spec.status ?? "Registered";
  const lines = spec.lines ?? (kind.maxLines > 0 ? [String(20000 + random.int(0, 79999))] : []);
  const addresses: IpAddress[] = [];
  const ipv4 = spec.ipv4 === undefined ? `10.99.${random.int(0, 255)}.${random.int(1, 254)}` : spec.ipv4;
  const ipv6 = spec.ipv6 ?? null;
  if (ipv4)
    addresses.push({ ip: ipv4, type: "ipv4", attribute: ipv6 ? "Adminstrative" : "AdministrativeAndSignaling" });
  if (ipv6) addresses.push({ ip: ipv6, type: "ipv6", attribute: ipv4 ? "Signaling" : "AdministrativeAndSignaling" });
  const node = spec.node ?? context.nodeNames[random.int(0, context.nodeNames.length - 1)] ?? "cucm1";
  const timeStamp = spec.timeStamp ?? context.nowSeconds - random.int(60, 86_400);
  return {
    name: spec.name,
    deviceClass: spec.deviceClass ?? kind.deviceClass,
    model: spec.model ?? kind.model,
    product: kind.product,
    protocol,
    description: spec.description ?? spec.name,
    httpd: kind.httpd,
    isCtiControllable: kind.isCtiControllable,
    loginUserId: spec.loginUserId ?? null,
    perfMonObject: kind.perfMonObject,
    dChannel: 0,
    lines,
    lineStatuses: spec.lineStatuses ?? lineStatusesFor(status, lines.length),
    addresses,
    firmware: {
      activeLoadId: spec.activeLoadId === undefined ? (kind.loads[protocol] ?? null) : spec.activeLoadId,
      inactiveLoadId: spec.inactiveLoadId ?? null,
      downloadStatus: spec.downloadStatus ?? "Unknown",
      downloadFailureReason: spec.downloadFailureReason ?? null,
      downloadServer: spec.downloadServer ?? null,
    },
    node,
    status,
    statusReason: spec.statusReason ?? defaultStatusReason(status, protocol),
    timeStamp,
    registrationAttempts: spec.registrationAttempts ?? (status === "Registered" ? 0 : random.int(1, 5)),
    staleRegistrations: (spec.staleRegistrations ?? [])
      .filter((stale) => stale.node !== node)
      .map((stale) => ({ ...stale, timeStamp: Math.min(stale.timeStamp, timeStamp - 1) })),
    sequence: context.sequence,
    devicePool: spec.devicePool ?? `DP-${configuredSite(spec.name)}`,
    location: spec.location ?? `LOC-${configuredSite(spec.name)}`,
    owner: spec.owner === undefined ? (spec.loginUserId ?? null) : spec.owner,
    configuredOnly: spec.configuredOnly ?? false,
  };
}
