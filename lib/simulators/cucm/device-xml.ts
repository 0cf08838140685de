// Renders one CmDevices item exactly as the seed's reply shows it. Each record's XML is cached on
// the record and dropped by ClusterState when the device changes, so a 1000-device reply is mostly
// string concatenation.
import type { NodeEntry } from "./state";
import type { SimDevice, StaleRegistration } from "./types";
import type { LineStatus, RegistrationStatus } from "./vocabulary";
import { element, nil, wrapper } from "./xml";

const h323Fields = [
  "ConfigName",
  "TechPrefix",
  "Zone",
  "RemoteCmServer1",
  "RemoteCmServer2",
  "RemoteCmServer3",
  "AltGkList",
  "ActiveGk",
  "CallSignalAddr",
  "RasAddr",
];
const emptyH323Trunk = `<ns1:H323Trunk>${h323Fields.map(nil).join("")}</ns1:H323Trunk>`;

interface RecordView {
  status: RegistrationStatus;
  statusReason: number;
  timeStamp: number;
  lineStatuses: readonly LineStatus[];
}

function renderRecord(device: SimDevice, view: RecordView): string {
  const lineStatus = (index: number): LineStatus => view.lineStatuses[index] ?? "Unknown";
  // How CUCM joins several lines in DirNumber is unverified; LinesStatus carries the per-line truth.
  const dirNumber = device.lines.map((line, index) => `${line}-${lineStatus(index)}`).join(",");
  const linesStatus = device.lines
    .map(
      (line, index) =>
        `<ns1:item>${element("DirectoryNumber", line)}${element("Status", lineStatus(index))}</ns1:item>`,
    )
    .join("");
  const addresses = device.addresses
    .map(
      (address) =>
        `<ns1:item>${element("IP", address.ip)}${element("IPAddrType", address.type)}${element("Attribute", address.attribute)}</ns1:item>`,
    )
    .join("");
  const h323Trunk =
    device.deviceClass === "H323"
      ? `<ns1:H323Trunk>${element("ConfigName", device.name)}${h323Fields.slice(1).map(nil).join("")}</ns1:H323Trunk>`
      : emptyH323Trunk;
  return (
    "<ns1:item>" +
    element("Name", device.name) +
    element("DirNumber", dirNumber) +
    element("DeviceClass", device.deviceClass) +
    element("Model", device.model) +
    element("Product", device.product) +
    element("BoxProduct", 0) +
    element("Httpd", device.httpd) +
    element("RegistrationAttempts", device.registrationAttempts) +
    element("IsCtiControllable", device.isCtiControllable) +
    element("LoginUserId", device.loginUserId) +
    element("Status", view.status) +
    element("StatusReason", view.statusReason) +
    element("PerfMonObject", device.perfMonObject) +
    element("DChannel", device.dChannel) +
    element("Description", device.description) +
    h323Trunk +
    element("TimeStamp", view.timeStamp) +
    element("Protocol", device.protocol) +
    element("NumOfLines", device.lines.length) +
    wrapper("LinesStatus", linesStatus) +
    element("ActiveLoadID", device.firmware.activeLoadId) +
    element("InactiveLoadID", device.firmware.inactiveLoadId) +
    element("DownloadStatus", device.firmware.downloadStatus) +
    element("DownloadFailureReason", device.firmware.downloadFailureReason) +
    element("DownloadServer", device.firmware.downloadServer) +
    wrapper("IPAddress", addresses) +
    "</ns1:item>"
  );
}

function renderStale(device: SimDevice, stale: StaleRegistration): string {
  return renderRecord(device, {
    status: "UnRegistered",
    statusReason: stale.statusReason,
    timeStamp: stale.timeStamp,
    lineStatuses: device.lines.map(() => "UnRegistered"),
  });
}

export function deviceItemXml(entry: NodeEntry): string {
  const { device, stale } = entry;
  if (stale) return (stale.xml ??= renderStale(device, stale));
  return (device.xml ??= renderRecord(device, device));
}
