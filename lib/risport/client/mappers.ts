// Mappers from parsed RisPort70 reply elements to domain records. Every wire value arrives as a
// string (or an empty object for xsi:nil); empty and nil both become null here, never "".
import { asArray, field, fields, fieldText, type XmlValue } from "@/lib/soap/read";
import {
  readCtiStatus,
  readDeviceClass,
  readDownloadStatus,
  readHttpd,
  readIpAddressType,
  readIpAttribute,
  readLineStatus,
  readProtocol,
  readRegistrationStatus,
} from "./enums";
import { describeModel } from "./models";
import { describeStatusReason } from "./status-reasons";
import type { ClusterDevice, CtiDevice, CtiItem, CtiLine, DeviceAddress, DeviceLine, H323Trunk } from "../types";

/** Text of a child, trimmed; null when absent, empty or xsi:nil. */
export function optionalText(node: XmlValue | undefined, name: string): string | null {
  const text = fieldText(node, name)?.trim();
  return text ? text : null;
}

export function optionalNumber(node: XmlValue | undefined, name: string): number | null {
  const text = optionalText(node, name);
  if (text === null || !/^-?\d+$/.test(text)) return null;
  return Number(text);
}

export function flag(node: XmlValue | undefined, name: string): boolean {
  const text = optionalText(node, name)?.toLowerCase();
  return text === "true" || text === "1" || text === "yes";
}

/** The `item` children of a list element (`<CmDevices><item/>…</CmDevices>`); nil or absent is empty. */
export function listItems(node: XmlValue | undefined, listName: string): XmlValue[] {
  return asArray(field(node, listName)).flatMap((list) => fields(list, "item"));
}

/**
 * `DirNumber` reads `<DN>-<line status>`; how several lines are joined is unverified, so commas,
 * semicolons and spaces all separate. Used only when the reply has no LinesStatus.
 */
export function parseDirNumber(raw: string | null): DeviceLine[] {
  if (!raw) return [];
  return raw
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((part) => {
      const match = /^(.+)-([A-Za-z]+)$/.exec(part);
      return match
        ? { dn: match[1] as string, status: readLineStatus(match[2]) }
        : { dn: part, status: readLineStatus(null) };
    });
}

function readLines(item: XmlValue): DeviceLine[] {
  const lines = listItems(item, "LinesStatus")
    .map((line) => ({
      dn: optionalText(line, "DirectoryNumber") ?? "",
      status: readLineStatus(optionalText(line, "Status")),
    }))
    .filter((line) => line.dn !== "");
  return lines.length > 0 ? lines : parseDirNumber(optionalText(item, "DirNumber"));
}

function readAddresses(item: XmlValue): DeviceAddress[] {
  const addressItems = listItems(item, "IPAddress");
  if (addressItems.length === 0) {
    // Older replies carry a bare address string instead of the list.
    const bare = optionalText(item, "IPAddress") ?? optionalText(item, "IpAddress");
    return bare ? [{ ip: bare, type: readIpAddressType(null, bare), attribute: "Unknown" }] : [];
  }
  return addressItems.flatMap((address) => {
    const ip = optionalText(address, "IP");
    if (!ip) return [];
    return [
      {
        ip,
        type: readIpAddressType(optionalText(address, "IPAddrType"), ip),
        attribute: readIpAttribute(optionalText(address, "Attribute")),
      },
    ];
  });
}

function readH323Trunk(item: XmlValue): H323Trunk | null {
  const trunk = field(item, "H323Trunk");
  if (trunk === undefined) return null;
  const node = Array.isArray(trunk) ? trunk[0] : trunk;
  const value: H323Trunk = {
    configName: optionalText(node, "ConfigName"),
    techPrefix: optionalText(node, "TechPrefix"),
    zone: optionalText(node, "Zone"),
    remoteCmServers: ["RemoteCmServer1", "RemoteCmServer2", "RemoteCmServer3"]
      .map((name) => optionalText(node, name))
      .filter((server): server is string => server !== null),
    altGkList: optionalText(node, "AltGkList"),
    activeGk: optionalText(node, "ActiveGk"),
    callSignalAddr: optionalText(node, "CallSignalAddr"),
    rasAddr: optionalText(node, "RasAddr"),
  };
  const empty =
    value.remoteCmServers.length === 0 && Object.values(value).every((entry) => entry === null || Array.isArray(entry));
  return empty ? null : value;
}

/** One `CmDevices/item` as reported by `node`. */
export function mapClusterDevice(item: XmlValue, node: string): ClusterDevice {
  return {
    name: optionalText(item, "Name") ?? "",
    description: optionalText(item, "Description"),
    model: describeModel(optionalNumber(item, "Model") ?? 255),
    product: optionalNumber(item, "Product"),
    boxProduct: flag(item, "BoxProduct"),
    deviceClass: readDeviceClass(optionalText(item, "DeviceClass")),
    protocol: readProtocol(optionalText(item, "Protocol")),
    registrationStatus: readRegistrationStatus(optionalText(item, "Status")),
    statusReason: describeStatusReason(optionalNumber(item, "StatusReason") ?? 0),
    node,
    lines: readLines(item),
    addresses: readAddresses(item),
    firmware: {
      active: optionalText(item, "ActiveLoadID"),
      inactive: optionalText(item, "InactiveLoadID"),
      downloadStatus: readDownloadStatus(optionalText(item, "DownloadStatus")),
      downloadFailureReason: optionalText(item, "DownloadFailureReason"),
      downloadServer: optionalText(item, "DownloadServer"),
    },
    loginUserId: optionalText(item, "LoginUserId"),
    httpd: readHttpd(optionalText(item, "Httpd")),
    registrationAttempts: optionalNumber(item, "RegistrationAttempts") ?? 0,
    isCtiControllable: flag(item, "IsCtiControllable"),
    perfMonObject: optionalNumber(item, "PerfMonObject"),
    dChannel: optionalNumber(item, "DChannel"),
    h323Trunk: readH323Trunk(item),
    timeStamp: optionalNumber(item, "TimeStamp") ?? 0,
  };
}

function mapCtiLine(line: XmlValue, deviceName: string | null): CtiLine {
  return {
    dn: optionalText(line, "DirNumber") ?? "",
    deviceName,
    status: readCtiStatus(optionalText(line, "LineStatus")),
    statusReason: optionalNumber(line, "LineStatusReason"),
    timeStamp: optionalNumber(line, "LineTimeStamp"),
  };
}

function mapCtiDevice(device: XmlValue): CtiDevice {
  return {
    name: optionalText(device, "DeviceName") ?? "",
    status: readCtiStatus(optionalText(device, "DeviceStatus")),
    statusReason: optionalNumber(device, "DeviceStatusReason"),
    timeStamp: optionalNumber(device, "DeviceTimeStamp"),
    appControlsMedia: flag(device, "AppControlsMedia"),
  };
}

/** One `CtiItems/item`. Lines may sit beside the devices (Cisco's sample) or inside them. */
export function mapCtiItem(item: XmlValue, node: string): CtiItem {
  const deviceElements = fields(item, "CtiDevice").filter((device) => optionalText(device, "DeviceName") !== null);
  const nestedLines = deviceElements.flatMap((device) =>
    fields(device, "CtiLine").map((line) => mapCtiLine(line, optionalText(device, "DeviceName"))),
  );
  // Beside a single device (Cisco's sample), the lines can only be that device's.
  const soleDevice = deviceElements.length === 1 ? optionalText(deviceElements[0], "DeviceName") : null;
  const besideLines = fields(item, "CtiLine").map((line) => mapCtiLine(line, soleDevice));
  return {
    appId: optionalText(item, "AppId") ?? "",
    userId: optionalText(item, "UserId"),
    ipv4Address: optionalText(item, "AppIpAddr"),
    ipv6Address: optionalText(item, "AppIpv6Addr"),
    status: readCtiStatus(optionalText(item, "AppStatus")),
    statusReason: optionalNumber(item, "AppStatusReason"),
    timeStamp: optionalNumber(item, "AppTimeStamp"),
    node,
    devices: deviceElements.map(mapCtiDevice),
    lines: [...besideLines, ...nestedLines].filter((line) => line.dn !== ""),
  };
}
