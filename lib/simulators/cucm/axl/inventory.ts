// The AXL (database) view of the simulated devices: the names CUCM's type tables give a device's
// model, class and protocol, stable uuids, and the configured items (device pool, location, calling
// search space, security profile, owner) each device points at. Derived from the same SimDevice
// RisPort answers from, so the two views agree on name, description, model, class, protocol and lines.
import { createHash } from "node:crypto";
import { kindForModel } from "../device-kinds";
import type { ClusterState } from "../state";
import type { SimDevice } from "../types";

/** A pkid as AXL writes it in `uuid` attributes: upper case in braces, stable for the same key. */
export function axlUuid(kind: string, key: string): string {
  const hex = createHash("md5").update(`${kind}:${key.toUpperCase()}`).digest("hex").toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/** typemodel.name for the device's model number; models the simulator does not know are "Unknown". */
export function modelName(device: SimDevice): string {
  return kindForModel(device.model)?.label ?? "Unknown";
}

/** typeclass.name for models whose class differs from what the RisPort class suggests. */
const classByModel: Record<number, string> = {
  72: "Phone", // CTI Port: a phone in CUCM's database
  73: "CTI Route Point",
  50: "Conference Bridge",
  110: "Media Termination Point",
  90: "Route List",
};

/** typeclass.name by RisPort DeviceClass, for models not in classByModel. */
const classByRisClass: Record<SimDevice["deviceClass"], string> = {
  Phone: "Phone",
  Gateway: "Gateway",
  H323: "Gateway",
  Cti: "Phone",
  VoiceMail: "Voice Mail",
  MediaResources: "Media Resources",
  HuntList: "Route List",
  SIPTrunk: "Trunk",
  Unknown: "Unknown",
};

export function className(device: SimDevice): string {
  return classByModel[device.model] ?? classByRisClass[device.deviceClass] ?? "Unknown";
}

/** typedeviceprotocol.name for devices RisPort reports with protocol Unknown. */
const protocolByModel: Record<number, string> = {
  30: "Analog Access",
  62: "H.225",
  73: "Route Point",
};

export function protocolName(device: SimDevice): string {
  if (device.protocol === "SCCP" || device.protocol === "SIP") return device.protocol;
  return protocolByModel[device.model] ?? "Unknown";
}

/** The site a pool is named after (`DP-HQ` -> `HQ`); other names are used whole. */
function siteOfPool(pool: string): string {
  return pool.startsWith("DP-") ? pool.slice(3) : pool;
}

export function callingSearchSpace(device: SimDevice): string {
  return `CSS-${siteOfPool(device.devicePool)}`;
}

export function securityProfile(device: SimDevice): string {
  const protocol = device.protocol === "SIP" ? "SIP" : "SCCP";
  return `${modelName(device)} - Standard ${protocol} Non-Secure Profile`;
}

/** Every configured device (registered or not), in `order by d.name`: plain code-unit order. */
export function configuredDevices(state: ClusterState): SimDevice[] {
  return [...state.devices()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
