// The kinds of device the simulated cluster holds, with the typemodel numbers from the seed's
// model table and firmware loads of the right family. Product ids are illustrative (only the
// 6961's 384 comes from the seed); the 8845/8865 model numbers are not in the seed table (unverified).
import type { DeviceClass, DeviceProtocol, Httpd } from "./vocabulary";

export interface DeviceKind {
  id: string;
  label: string;
  deviceClass: Exclude<DeviceClass, "Any">;
  model: number;
  product: number;
  protocols: readonly DeviceProtocol[];
  /** Firmware load per protocol; null where the device reports none (soft clients, gateways). */
  loads: Partial<Record<DeviceProtocol, string>>;
  /** How the device is named: a MAC phone, a user-based soft client, or an admin-chosen name. */
  naming: "mac" | "user" | "admin";
  /** Name prefix: SEP for MAC phones, CSF/BOT/TCT/TAB for Jabber, an admin prefix otherwise. */
  prefix: string;
  httpd: Httpd;
  isCtiControllable: boolean;
  perfMonObject: number;
  maxLines: number;
  /** Relative share of a generated fleet. */
  weight: number;
}

const phone = (
  model: number,
  label: string,
  product: number,
  protocols: readonly DeviceProtocol[],
  loads: Partial<Record<DeviceProtocol, string>>,
  weight: number,
  maxLines = 2,
): DeviceKind => ({
  id: `phone-${label.replace(/\W+/g, "").toLowerCase()}`,
  label,
  deviceClass: "Phone",
  model,
  product,
  protocols,
  loads,
  naming: "mac",
  prefix: "SEP",
  httpd: "Yes",
  isCtiControllable: true,
  perfMonObject: 2,
  maxLines,
  weight,
});

const jabber = (prefix: string, model: number, label: string, product: number, weight: number): DeviceKind => ({
  id: `jabber-${prefix.toLowerCase()}`,
  label,
  deviceClass: "Phone",
  model,
  product,
  protocols: ["SIP"],
  loads: {},
  naming: "user",
  prefix,
  httpd: "No",
  isCtiControllable: true,
  perfMonObject: 2,
  maxLines: 1,
  weight,
});

const admin = (
  id: string,
  prefix: string,
  deviceClass: Exclude<DeviceClass, "Any">,
  model: number,
  label: string,
  protocol: DeviceProtocol,
  weight: number,
  extra: Partial<DeviceKind> = {},
): DeviceKind => ({
  id,
  label,
  deviceClass,
  model,
  product: model,
  protocols: [protocol],
  loads: {},
  naming: "admin",
  prefix,
  httpd: "Unknown",
  isCtiControllable: false,
  perfMonObject: 2,
  maxLines: 1,
  weight,
  ...extra,
});

export const deviceKinds: readonly DeviceKind[] = [
  phone(7, "Cisco 7960", 30, ["SCCP"], { SCCP: "P0030801SR02" }, 4),
  phone(115, "Cisco 7941", 115, ["SCCP", "SIP"], { SCCP: "SCCP41.9-4-2SR3-1S", SIP: "SIP41.9-4-2SR3-1S" }, 8),
  phone(436, "Cisco 7965", 436, ["SCCP", "SIP"], { SCCP: "SCCP45.9-4-2SR4-3S", SIP: "SIP45.9-4-2SR4-3S" }, 8, 4),
  phone(497, "Cisco 6961", 384, ["SCCP"], { SCCP: "SCCP69xx.9-4-1-3SR1" }, 4),
  phone(683, "Cisco 8841", 683, ["SIP"], { SIP: "sip88xx.14-2-1-0001-14" }, 14),
  phone(36217, "Cisco 8845", 36217, ["SIP"], { SIP: "sip8845_65.14-2-1-0001-14" }, 10),
  phone(36216, "Cisco 8865", 36216, ["SIP"], { SIP: "sip8845_65.14-2-1-0001-14" }, 6, 4),
  phone(621, "Cisco 7821", 621, ["SIP"], { SIP: "sip78xx.14-2-1-0001-14" }, 12),
  phone(493, "Cisco 9971", 493, ["SIP"], { SIP: "sip9971.9-4-2SR4-3" }, 3, 6),
  phone(30016, "Cisco IP Communicator", 30016, ["SCCP"], { SCCP: "CIPC-8-6-6-0" }, 1, 1),
  jabber("CSF", 503, "Cisco Unified Client Services Framework", 503, 9),
  jabber("BOT", 575, "Cisco Dual Mode for Android", 575, 3),
  jabber("TCT", 562, "Cisco Dual Mode for iPhone", 562, 3),
  jabber("TAB", 652, "Cisco Jabber for Tablet", 652, 1),
  admin("cti-port", "CTIP-UCCX-", "Cti", 72, "CTI Port", "SCCP", 3, { isCtiControllable: true }),
  admin("cti-route-point", "CTIRP-IVR-", "Cti", 73, "CTI Route Point", "Unknown", 1, {
    isCtiControllable: true,
    maxLines: 2,
  }),
  admin("analog-gateway", "AALN/S0/SU", "Gateway", 30, "Analog Access", "Unknown", 1, { perfMonObject: 9 }),
  admin("h323-gateway", "H323-GW-", "H323", 62, "H.323 Gateway", "Unknown", 0.3, { maxLines: 0, perfMonObject: 9 }),
  admin("sip-trunk", "SIPTRUNK-", "SIPTrunk", 131, "SIP Trunk", "SIP", 0.3, { maxLines: 0, perfMonObject: 9 }),
  admin("voicemail-port", "CiscoUM1-VI", "VoiceMail", 80, "Voice Mail Port", "SCCP", 0.6),
  admin("conference-bridge", "CFB_", "MediaResources", 50, "Conference Bridge", "Unknown", 0.2, { maxLines: 0 }),
  admin("mtp", "MTP_", "MediaResources", 110, "Media Termination Point", "Unknown", 0.2, { maxLines: 0 }),
  admin("hunt-list", "HL_", "HuntList", 90, "Route List", "Unknown", 0.1, { maxLines: 0 }),
];

/** Infers the kind of an explicitly named device from its prefix (SEP..., CSF..., CTIP..., ...). */
export function kindForName(name: string): DeviceKind {
  const upper = name.toUpperCase();
  const found = deviceKinds.find((kind) => kind.naming !== "mac" && upper.startsWith(kind.prefix.toUpperCase()));
  return found ?? (deviceKinds.find((kind) => kind.model === 36217) as DeviceKind);
}

export function kindForModel(model: number): DeviceKind | undefined {
  return deviceKinds.find((kind) => kind.model === model);
}
