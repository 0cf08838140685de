// A router's phones and extensions in the stored shape, in the helpdesk's words. What changes on
// every poll without anything happening (keepalive counters) is left out, so an idle router
// reads as unchanged.
import type { Extension, Phone } from "@/lib/cme";
import type { DeviceState, ExtensionState } from "@/lib/db/inventory-types";
import { dnIndexOf, macFromName } from "./identity";

const protocolName = (protocol: "sccp" | "sip") => (protocol === "sccp" ? "SCCP" : "SIP");

export function phoneName(phone: Phone): string {
  if (phone.name) return phone.name;
  return phone.protocol === "sccp" ? `ephone-${phone.ephoneTag ?? "?"}` : `pool-${phone.poolId ?? "?"}`;
}

/**
 * registered / unregistered; "deceased" (stopped answering keepalives) is unregistered with that
 * reason. A SIP pool carries no status field: it is registered while it has an address.
 */
function registration(phone: Phone): { registrationStatus: string; statusReason: string } {
  const status = phone.registrationStatus ?? (phone.protocol === "sip" ? (phone.ipv4 ? "registered" : "unregistered") : "unknown");
  if (status === "deceased") return { registrationStatus: "unregistered", statusReason: "Stopped answering keepalives (deceased)" };
  if (status === "registered" || status === "unregistered") return { registrationStatus: status, statusReason: "" };
  return { registrationStatus: "unknown", statusReason: "" };
}

export function routerDevice(phone: Phone, node: string): DeviceState {
  const name = phoneName(phone);
  const { registrationStatus, statusReason } = registration(phone);
  const lines = [...phone.lines]
    .sort((a, b) => a.line - b.line)
    .map((line) => ({
      line: line.line,
      dn: line.directoryNumber,
      tag: line.extensionTag,
      // SIP lines carry no status: a number is up while a registered phone carries it.
      status: line.extensionUp === null ? (registrationStatus === "registered" ? "up" : "down") : line.extensionUp ? "up" : "down",
      state: line.state ?? "",
    }));
  const numbers = lines.map((line) => line.dn).filter(Boolean);
  const tapi = phone.tapi && (phone.tapi.status || phone.tapi.clientIpv4) ? { address: phone.tapi.clientIpv4, status: phone.tapi.status, lastStatus: phone.tapi.lastStatus } : null;
  return {
    name,
    mac: macFromName(name),
    deviceClass: "Phone",
    model: phone.model ?? "",
    protocol: protocolName(phone.protocol),
    description: "",
    userName: phone.user ?? "",
    registrationStatus,
    statusReason,
    ipAddress: phone.ipv4 ?? "",
    ipv6Address: "",
    firmware: "",
    node,
    keyPhone: phone.protocol === "sccp" ? phone.keyPhone : null,
    primaryDn: numbers[0] ?? "",
    lineCount: lines.length,
    dnIndex: dnIndexOf(numbers),
    lines: JSON.stringify(lines),
    detail: JSON.stringify({
      ephoneTag: phone.ephoneTag,
      poolId: phone.poolId,
      lastStatus: phone.lastStatus,
      /** Router uptime (seconds) of the last status change, as the router reports it. */
      routerChangeTime: phone.changeTime,
      buttons: phone.lineButtons,
      doNotDisturb: phone.doNotDisturb,
      tapi,
      sessionServer: phone.sessionServer,
      maxRegistrations: phone.maxRegistrations,
      dtmfRelay: phone.dtmfRelay,
      codec: phone.codec,
    }),
  };
}

export function routerExtension(extension: Extension, phoneNames: ReadonlyMap<string, string>): ExtensionState {
  const tag = extension.tag === null ? extension.number ?? "" : String(extension.tag);
  const devices = extension.devices.map((id) => phoneNames.get(`${extension.protocol}:${id}`) ?? `${extension.protocol === "sccp" ? "ephone" : "pool"}-${id}`);
  return {
    key: `${extension.protocol}:${tag}`,
    tag,
    number: extension.number ?? "",
    secondaryNumber: extension.secondaryNumber ?? "",
    kind: protocolName(extension.protocol),
    type: extension.type ?? "",
    status: extension.status ?? "unknown",
    callStatus: extension.callStatus ?? "",
    lineMode: extension.lineMode ?? "",
    firstName: extension.firstName ?? "",
    lastName: extension.lastName ?? "",
    forwardAll: extension.callForwardAll ?? "",
    devices: JSON.stringify(devices),
    detail: JSON.stringify({
      routerChangeTime: extension.changeTime,
      portName: extension.portName,
      allowWatch: extension.allowWatch,
      sessionServer: extension.sessionServer,
    }),
  };
}

/** "sccp:<ephone tag>" / "sip:<pool id>" -> device name, for an extension's phone list. */
export function phoneNamesByTag(phones: readonly Phone[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const phone of phones) {
    const tag = phone.protocol === "sccp" ? phone.ephoneTag : phone.poolId;
    if (tag !== null) names.set(`${phone.protocol}:${tag}`, phoneName(phone));
  }
  return names;
}
