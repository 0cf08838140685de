// Domain types of what RisPort70 tells about a cluster, in the dashboard's words. Zod schemas are
// the one source: the planner's memory is stored as JSON by the database layer and read back
// through these schemas.
import { z } from "zod";
import {
  ctiStatus,
  deviceClass,
  downloadStatus,
  httpd,
  ipAddressAttribute,
  ipAddressType,
  lineStatus,
  protocol,
  registrationStatus,
  returnCode,
} from "./client/enums";

export const deviceLineSchema = z.object({
  dn: z.string(),
  status: lineStatus,
});

export const deviceAddressSchema = z.object({
  ip: z.string(),
  type: ipAddressType,
  attribute: ipAddressAttribute,
});

export const firmwareSchema = z.object({
  active: z.string().nullable(),
  inactive: z.string().nullable(),
  downloadStatus,
  downloadFailureReason: z.string().nullable(),
  downloadServer: z.string().nullable(),
});

/** H.323 trunk details; null on every device that is not an H.323 trunk or gateway. */
export const h323TrunkSchema = z.object({
  configName: z.string().nullable(),
  techPrefix: z.string().nullable(),
  zone: z.string().nullable(),
  remoteCmServers: z.array(z.string()),
  altGkList: z.string().nullable(),
  activeGk: z.string().nullable(),
  callSignalAddr: z.string().nullable(),
  rasAddr: z.string().nullable(),
});

export const clusterDeviceSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  model: z.object({ code: z.number(), name: z.string() }),
  product: z.number().nullable(),
  boxProduct: z.boolean(),
  deviceClass,
  protocol,
  registrationStatus,
  statusReason: z.object({ code: z.number(), text: z.string() }),
  /** The CUCM node the record came from (after merging: the node of the newest record). */
  node: z.string(),
  lines: z.array(deviceLineSchema),
  addresses: z.array(deviceAddressSchema),
  firmware: firmwareSchema,
  /** Extension Mobility user logged in on the device. */
  loginUserId: z.string().nullable(),
  httpd,
  registrationAttempts: z.number(),
  isCtiControllable: z.boolean(),
  perfMonObject: z.number().nullable(),
  dChannel: z.number().nullable(),
  h323Trunk: h323TrunkSchema.nullable(),
  /** Epoch seconds of the record's last state change (RisPort's TimeStamp). */
  timeStamp: z.number(),
});

export const ctiDeviceSchema = z.object({
  name: z.string(),
  status: ctiStatus,
  statusReason: z.number().nullable(),
  timeStamp: z.number().nullable(),
  appControlsMedia: z.boolean(),
});

export const ctiLineSchema = z.object({
  dn: z.string(),
  /** The device the line sits on, when the reply nests lines in devices; null when it lists them apart. */
  deviceName: z.string().nullable(),
  status: ctiStatus,
  statusReason: z.number().nullable(),
  timeStamp: z.number().nullable(),
});

/** A CTI application connection (JTAPI/TAPI) and the devices and lines it controls. */
export const ctiItemSchema = z.object({
  appId: z.string(),
  userId: z.string().nullable(),
  ipv4Address: z.string().nullable(),
  ipv6Address: z.string().nullable(),
  status: ctiStatus,
  statusReason: z.number().nullable(),
  timeStamp: z.number().nullable(),
  node: z.string(),
  devices: z.array(ctiDeviceSchema),
  lines: z.array(ctiLineSchema),
});

/** How one CUCM node answered a query; a node that is not Ok does not make the others wrong. */
export const nodeOutcomeSchema = z.object({
  node: z.string(),
  returnCode,
  noChange: z.boolean(),
  /** Records the node returned (duplicates across nodes included). */
  records: z.number(),
});

export type DeviceLine = z.infer<typeof deviceLineSchema>;
export type DeviceAddress = z.infer<typeof deviceAddressSchema>;
export type Firmware = z.infer<typeof firmwareSchema>;
export type H323Trunk = z.infer<typeof h323TrunkSchema>;
export type ClusterDevice = z.infer<typeof clusterDeviceSchema>;
export type CtiDevice = z.infer<typeof ctiDeviceSchema>;
export type CtiLine = z.infer<typeof ctiLineSchema>;
export type CtiItem = z.infer<typeof ctiItemSchema>;
export type NodeOutcome = z.infer<typeof nodeOutcomeSchema>;
