// A cluster's devices and CTI applications in the stored shape, in the helpdesk's words:
// RisPort's enumerations become the dashboard's lower-case statuses, reason codes become text.
import type { CtiAppState, DeviceState } from "@/lib/db/inventory-types";
import type { ClusterDevice, CtiItem } from "@/lib/risport/types";
import { macOf } from "@/lib/domain/mac";
import { parseJsonObject } from "@/lib/domain/json";
import { dnIndexOf } from "./identity";

const registrationWords: Record<ClusterDevice["registrationStatus"], string> = {
  Registered: "registered",
  UnRegistered: "unregistered",
  Rejected: "rejected",
  PartiallyRegistered: "partially-registered",
  Unknown: "unknown",
};

const lineWords: Record<string, string> = {
  Registered: "registered",
  UnRegistered: "unregistered",
  Rejected: "rejected",
  Unknown: "unknown",
};

const ctiWords: Record<CtiItem["status"], string> = {
  Open: "open",
  Closed: "closed",
  OpenFailed: "open-failed",
  Unknown: "unknown",
};

export function clusterDevice(device: ClusterDevice): DeviceState {
  const registrationStatus = registrationWords[device.registrationStatus];
  const lines = device.lines.map((line) => ({ dn: line.dn, status: lineWords[line.status] ?? "unknown" }));
  const numbers = lines.map((line) => line.dn).filter(Boolean);
  const ipv4 = device.addresses.find((a) => a.type === "ipv4")?.ip ?? "";
  const ipv6 = device.addresses.find((a) => a.type === "ipv6")?.ip ?? "";
  return {
    name: device.name,
    mac: macOf(device.name),
    deviceClass: device.deviceClass,
    model: device.model.name,
    protocol: device.protocol === "Unknown" ? "" : device.protocol,
    description: device.description ?? "",
    // The configured inventory (AXL) fills these in; RisPort does not report them.
    devicePool: "",
    location: "",
    userName: device.loginUserId ?? "",
    registrationStatus,
    // "None" (code 0) is no reason at all.
    statusReason: device.statusReason.code === 0 ? "" : device.statusReason.text,
    ipAddress: ipv4,
    ipv6Address: ipv6,
    firmware: device.firmware.active ?? "",
    node: device.node,
    keyPhone: null,
    primaryDn: numbers[0] ?? "",
    lineCount: lines.length,
    dnIndex: dnIndexOf(numbers),
    lines: JSON.stringify(lines),
    detail: JSON.stringify({
      modelCode: device.model.code,
      product: device.product,
      statusReasonCode: device.statusReason.code,
      addresses: device.addresses,
      firmware: device.firmware,
      httpd: device.httpd,
      registrationAttempts: device.registrationAttempts,
      isCtiControllable: device.isCtiControllable,
      perfMonObject: device.perfMonObject,
      dChannel: device.dChannel,
      h323Trunk: device.h323Trunk,
      /** Epoch seconds of the device's last state change on the cluster (RisPort TimeStamp). */
      lastChangeAt: device.timeStamp,
    }),
  };
}

/** The cluster's time of the device's last state change, from the stored detail (0 when unknown). */
export function lastChangeAt(device: Pick<DeviceState, "detail">): number {
  const value = parseJsonObject(device.detail).lastChangeAt;
  return typeof value === "number" ? value : 0;
}

/** The CTI reason code in words where it means something; RisPort documents no table for these. */
function ctiReason(code: number | null): string {
  return code === null || code === 0 ? "" : `Reason code ${code}`;
}

export interface CtiLists {
  devices: Array<{ name: string; status: string }>;
  lines: Array<{ dn: string; device: string | null; status: string }>;
}

/** Collects, per application, the devices and lines a Line-class (or Device-class) query listed. */
export function ctiListsByApp(items: readonly CtiItem[]): Map<string, CtiLists> {
  const byApp = new Map<string, CtiLists>();
  for (const item of items) {
    const lists = byApp.get(item.appId) ?? { devices: [], lines: [] };
    for (const device of item.devices) {
      if (!lists.devices.some((d) => d.name === device.name))
        lists.devices.push({ name: device.name, status: ctiWords[device.status] });
    }
    for (const line of item.lines) {
      if (!lists.lines.some((l) => l.dn === line.dn && l.device === line.deviceName))
        lists.lines.push({ dn: line.dn, device: line.deviceName, status: ctiWords[line.status] });
    }
    byApp.set(item.appId, lists);
  }
  for (const lists of byApp.values()) {
    lists.devices.sort((a, b) => a.name.localeCompare(b.name));
    lists.lines.sort((a, b) => (a.device ?? "").localeCompare(b.device ?? "") || a.dn.localeCompare(b.dn));
  }
  return byApp;
}

export function ctiApp(item: CtiItem, lists: CtiLists | undefined): CtiAppState {
  return {
    appId: item.appId,
    userId: item.userId ?? "",
    address: item.ipv4Address ?? item.ipv6Address ?? "",
    status: ctiWords[item.status],
    reason: ctiReason(item.statusReason),
    node: item.node,
    devices: JSON.stringify(lists?.devices ?? []),
    lines: JSON.stringify(lists?.lines ?? []),
    detail: JSON.stringify({
      ipv6Address: item.ipv6Address,
      statusReasonCode: item.statusReason,
      lastChangeAt: item.timeStamp,
    }),
  };
}
