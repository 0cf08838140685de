// Whole replies: the selectCmDevice / selectCtiItem envelopes in the seed's shape, Axis SOAP
// faults (RateControl included) and the Tomcat HTML page CUCM sends for bad credentials.
import { deviceItemXml } from "./device-xml";
import type { Selection } from "./select-cm-device";
import type { CtiItem, CtiSelection } from "./select-cti-item";
import { encodeStateInfo } from "./state-info";
import { risportNamespace } from "./vocabulary";
import { element, escapeXml, nil, soapEnvelope, wrapper } from "./xml";

export interface ReplyShape {
  /**
   * How a query that found nothing anywhere is written: one NotFound item per node, or
   * `<CmNodes xsi:nil="1"/>` (cisco-apis.md: a zero-result reply "may" be nil; both are handled).
   */
  zeroResult: "per-node" | "nil-nodes";
}

function isBareZero(nodes: readonly { returnCode: string; noChange: boolean }[], total: number): boolean {
  return total === 0 && nodes.every((node) => node.returnCode === "NotFound" && !node.noChange);
}

/** selectCmDeviceExt answers with the same element names as selectCmDevice (seed). */
export function selectCmDeviceReply(selection: Selection, shape: ReplyShape): string {
  let cmNodes: string;
  if (shape.zeroResult === "nil-nodes" && isBareZero(selection.nodes, selection.total)) {
    cmNodes = nil("CmNodes");
  } else {
    // String concatenation builds ropes in V8: cheaper here than collecting parts and joining.
    cmNodes = "<ns1:CmNodes>";
    for (const node of selection.nodes) {
      cmNodes +=
        "<ns1:item>" +
        element("ReturnCode", node.returnCode) +
        element("Name", node.name) +
        element("NoChange", node.noChange);
      if (node.entries.length === 0) cmNodes += nil("CmDevices");
      else {
        cmNodes += "<ns1:CmDevices>";
        for (const entry of node.entries) cmNodes += deviceItemXml(entry);
        cmNodes += "</ns1:CmDevices>";
      }
      cmNodes += "</ns1:item>";
    }
    cmNodes += "</ns1:CmNodes>";
  }
  return soapEnvelope(
    `<ns1:selectCmDeviceResponse xmlns:ns1="${risportNamespace}"><ns1:selectCmDeviceReturn>` +
      `<ns1:SelectCmDeviceResult>${element("TotalDevicesFound", selection.total)}${cmNodes}</ns1:SelectCmDeviceResult>` +
      element("StateInfo", encodeStateInfo(selection.query, selection.stateNodes)) +
      "</ns1:selectCmDeviceReturn></ns1:selectCmDeviceResponse>",
  );
}

function ctiItemXml({ application, device, line }: CtiItem): string {
  const ctiDevice = device
    ? `<ns1:CtiDevice>${element("AppControlsMedia", device.appControlsMedia)}${element("DeviceName", device.deviceName)}` +
      `${element("DeviceStatus", device.status)}${element("DeviceStatusReason", device.statusReason)}` +
      `${element("DeviceTimeStamp", device.timeStamp)}</ns1:CtiDevice>`
    : nil("CtiDevice");
  const ctiLine = line
    ? `<ns1:CtiLine>${element("DirNumber", line.dirNumber)}${element("LineStatus", line.status)}` +
      `${element("LineStatusReason", line.statusReason)}${element("LineTimeStamp", line.timeStamp)}</ns1:CtiLine>`
    : nil("CtiLine");
  return (
    "<ns1:item>" +
    element("AppId", application.appId) +
    element("UserId", application.userId) +
    element("AppIpAddr", application.ipv4) +
    element("AppIpv6Addr", application.ipv6) +
    element("AppStatus", application.status) +
    element("AppStatusReason", application.statusReason) +
    element("AppTimeStamp", application.timeStamp) +
    ctiDevice +
    ctiLine +
    "</ns1:item>"
  );
}

export function selectCtiItemReply(selection: CtiSelection, shape: ReplyShape): string {
  const ctiNodes =
    shape.zeroResult === "nil-nodes" && isBareZero(selection.nodes, selection.total)
      ? nil("CtiNodes")
      : wrapper(
          "CtiNodes",
          selection.nodes
            .map(
              (node) =>
                "<ns1:item>" +
                element("ReturnCode", node.returnCode) +
                element("Name", node.name) +
                element("NoChange", node.noChange) +
                wrapper("CtiItems", node.items.map(ctiItemXml).join("")) +
                "</ns1:item>",
            )
            .join(""),
        );
  return soapEnvelope(
    `<ns1:selectCtiItemResponse xmlns:ns1="${risportNamespace}"><ns1:selectCtiItemReturn>` +
      `<ns1:SelectCtiItemResult>${element("TotalItemsFound", selection.total)}${ctiNodes}</ns1:SelectCtiItemResult>` +
      element("StateInfo", encodeStateInfo(selection.query, selection.stateNodes)) +
      "</ns1:selectCtiItemReturn></ns1:selectCtiItemResponse>",
  );
}

/** An Axis fault; `faultCode` is a QName, with ns1 bound to the RisPort namespace for Cisco's own codes. */
export function soapFault(faultCode: string, faultString: string, hostname: string): string {
  const codeNamespace = faultCode.startsWith("ns1:") ? ` xmlns:ns1="${risportNamespace}"` : "";
  return soapEnvelope(
    `<soapenv:Fault><faultcode${codeNamespace}>${escapeXml(faultCode)}</faultcode>` +
      `<faultstring>${escapeXml(faultString)}</faultstring><detail>` +
      `<ns2:hostname xmlns:ns2="http://xml.apache.org/axis/">${escapeXml(hostname)}</ns2:hostname>` +
      "</detail></soapenv:Fault>",
  );
}

/** Cisco's text, typo included ("Reatime"), followed by the allowed rate clients may parse. */
export function rateControlFault(allowedPerMinute: number, hostname: string): string {
  return soapFault(
    "ns1:Server.RateControl",
    `AxisFault: Exceeded allowed rate for Reatime information. Current allowed rate for realtime information is ${allowedPerMinute} requests per minute.`,
    hostname,
  );
}

export function unauthorizedPage(): string {
  return (
    "<!DOCTYPE html><html><head><title>Apache Tomcat - Error report</title></head><body>" +
    "<h1>HTTP Status 401 - </h1><hr/><p><b>type</b> Status report</p><p><b>message</b> <u></u></p>" +
    "<p><b>description</b> <u>This request requires HTTP authentication.</u></p><hr/><h3>Apache Tomcat</h3></body></html>"
  );
}

export function notFoundPage(path: string): string {
  return `<!DOCTYPE html><html><head><title>Apache Tomcat - Error report</title></head><body><h1>HTTP Status 404 - ${escapeXml(path)}</h1></body></html>`;
}
