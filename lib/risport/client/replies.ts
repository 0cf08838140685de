// Reading whole RisPort70 replies: faults first (RateControl is a rate limit, not an error of
// the query), then the per-node lists. selectCmDeviceExt answers with the same element names.
import { ProtocolError, RateLimited, type SoapFault } from "@/lib/soap/errors";
import { readSoapFault, soapBody } from "@/lib/soap/fault";
import { field, isXmlObject, type XmlObject, type XmlValue } from "@/lib/soap/read";
import { readReturnCode } from "./enums";
import { flag, listItems, mapClusterDevice, mapCtiItem, optionalNumber, optionalText } from "./mappers";
import { readStateInfo } from "./state-info";
import type { ClusterDevice, CtiItem, NodeOutcome } from "../types";

export type NodeRecords<T> = { outcome: NodeOutcome; records: T[] };

export type RawSelectReply<T> = {
  /** As the server counts it; with NoChange it is 0 and means nothing. */
  totalFound: number;
  nodes: NodeRecords<T>[];
  stateInfo: string;
};

/** RateControl is recognised by its code or its text; Cisco's text reads "Exceeded allowed rate for Reatime information". */
export function isRateControlFault(fault: SoapFault): boolean {
  return /RateControl/i.test(fault.faultCode) || /RateControl|Exceeded allowed rate/i.test(fault.faultString);
}

/** Throws RateLimited or SoapFault when the document is a fault. */
export function throwIfFault(document: XmlObject): void {
  const fault = readSoapFault(document);
  if (fault === undefined) return;
  if (isRateControlFault(fault)) {
    throw new RateLimited(`RisPort RateControl fault: ${fault.faultString}`, undefined, { cause: fault });
  }
  throw fault;
}

/** Finds `name` among the first levels below `node`, whatever wrapper names a version uses. */
function findBelow(node: XmlValue | undefined, name: string, depth: number): XmlValue | undefined {
  if (!isXmlObject(node)) return undefined;
  const direct = field(node, name);
  if (direct !== undefined) return Array.isArray(direct) ? direct[0] : direct;
  if (depth === 0) return undefined;
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith("@_") || key === "#text") continue;
    const found = findBelow(Array.isArray(child) ? child[0] : child, name, depth - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function readReply<T>(
  document: XmlObject,
  result: { name: string; total: string; nodes: string; records: string },
  mapRecord: (item: XmlValue, node: string) => T,
): RawSelectReply<T> {
  throwIfFault(document);
  const body = soapBody(document);
  const resultElement = findBelow(body, result.name, 3);
  if (resultElement === undefined) {
    throw new ProtocolError("unexpected-shape", `RisPort reply has no ${result.name}`);
  }
  const parent = findBelow(body, "StateInfo", 3);
  const nodes = listItems(resultElement, result.nodes).map((nodeItem) => {
    const node = optionalText(nodeItem, "Name") ?? "";
    const records = listItems(nodeItem, result.records).map((item) => mapRecord(item, node));
    const outcome: NodeOutcome = {
      node,
      returnCode: readReturnCode(optionalText(nodeItem, "ReturnCode")),
      noChange: flag(nodeItem, "NoChange"),
      records: records.length,
    };
    return { outcome, records };
  });
  return { totalFound: optionalNumber(resultElement, result.total) ?? 0, nodes, stateInfo: readStateInfo(parent) };
}

export function readSelectCmDeviceReply(document: XmlObject): RawSelectReply<ClusterDevice> {
  return readReply(
    document,
    { name: "SelectCmDeviceResult", total: "TotalDevicesFound", nodes: "CmNodes", records: "CmDevices" },
    mapClusterDevice,
  );
}

export function readSelectCtiItemReply(document: XmlObject): RawSelectReply<CtiItem> {
  return readReply(
    document,
    { name: "SelectCtiItemResult", total: "TotalItemsFound", nodes: "CtiNodes", records: "CtiItems" },
    mapCtiItem,
  );
}
