// A router's phones and extensions in the stored shape, in the helpdesk's words. What changes on
// every poll without anything happening (keepalive counters) is left out, so an idle router
// reads as unchanged.
import type { Extension, Phone } from "@/lib/cme";
import type { DeviceState, ExtensionState } from "@/lib/db/inventory-types";
import { macOf } from "@/lib/domain/mac";
import { dnIndexOf } from "./identity";
import { cmeDownReason } from "./cme-reasons";

const protocolName = (protocol: "sccp" | "sip") => (protocol === "sccp" ? "SCCP" : "SIP");

export function phoneName(phone: Phone): string {
  if (phone.name) return phone.name;
  return phone.protocol === "sccp" ? `ephone-${phone.ephoneTag ?? "?"}` : `pool-${phone.poolId ?? "?"}`;
}

/** How a status was worked out when the router reported none; stored in Device.detail and shown as such. */
export type StatusWorkedOut = "from its address" | "no address";

/**
 * registered / unregistered; "deceased" (stopped answering keepalives) is unregistered, and the
 * reason says why in words (cme-reasons.ts). A SIP pool carries no status field (the newer
 * ISSipDevice has none at all): it reads as registered while it has an address, and the record
 * says the status was worked out that way. That a real address means registered is unverified on
 * real routers.
 */
function registration(phone: Phone): {
  registrationStatus: string;
  statusReason: string;
  statusWorkedOut: StatusWorkedOut | null;
} {
  const statusReason = cmeDownReason(phone);
  if (phone.registrationStatus === null && phone.protocol === "sip") {
    return phone.ipv4
      ? { registrationStatus: "registered", statusReason, statusWorkedOut: "from its address" }
      : { registrationStatus: "unregistered", statusReason, statusWorkedOut: "no address" };
  }
  const status = phone.registrationStatus ?? "unknown";
  const registrationStatus = status === "deceased" ? "unregistered" : status;
  return { registrationStatus, statusReason, statusWorkedOut: null };
}

export function routerDevice(phone: Phone, node: string): DeviceState {
  const name = phoneName(phone);
  const { registrationStatus, statusReason, statusWorkedOut } = registration(phone);
  const lines = [...phone.lines]
    .sort((a, b) => a.line - b.line)
    .map((line) => ({
      line: line.line,
      dn: line.directoryNumber,
      tag: line.extensionTag,
      // SIP lines carry no status: a number is up while a registered phone carries it.
      status:
        line.extensionUp === null
          ? registrationStatus === "registered"
            ? "up"
            : "down"
          : line.extensionUp
            ? "up"
            : "down",
      state: line.state ?? "",
    }));
  const numbers = lines.map((line) => line.dn).filter(Boolean);
  const tapi =
    phone.tapi && (phone.tapi.status || phone.tapi.clientIpv4)
      ? { address: phone.tapi.clientIpv4, status: phone.tapi.status, lastStatus: phone.tapi.lastStatus }
      : null;
  return {
    name,
    mac: macOf(name),
    deviceClass: "Phone",
    model: phone.model ?? "",
    protocol: protocolName(phone.protocol),
    description: "",
    devicePool: "",
    location: "",
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
      /** Set when the router reported no status and Linewatch worked one out (never invented silently). */
      statusWorkedOut,
      ephoneTag: phone.ephoneTag,
      poolId: phone.poolId,
      lastStatus: phone.lastStatus,
      /** Router uptime (seconds) of the last status change, as the router reports it. */
      routerChangeTime: phone.changeTime,
      buttons: phone.lineButtons,
      doNotDisturb: phone.doNotDisturb,
      tapi,
      configuredType: phone.configuredType,
      singleNumberReach: phone.singleNumberReach,
      logoutProfileId: phone.logoutProfileId,
      userProfileId: phone.userProfileId,
      sessionServer: phone.sessionServer,
      maxRegistrations: phone.maxRegistrations,
      dtmfRelay: phone.dtmfRelay,
      codec: phone.codec,
    }),
  };
}

export function routerExtension(extension: Extension, phoneNames: ReadonlyMap<string, string>): ExtensionState {
  const tag = extension.tag === null ? (extension.number ?? "") : String(extension.tag);
  const devices = extension.devices.map(
    (id) =>
      phoneNames.get(`${extension.protocol}:${id}`) ?? `${extension.protocol === "sccp" ? "ephone" : "pool"}-${id}`,
  );
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
      sessionServers: extension.sessionServers,
      mobility: extension.mobility,
      singleNumberReach: extension.singleNumberReach,
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
