// RisPort70 request envelopes: document/literal SOAP 1.1 in Cisco's namespace. Criteria are zod
// schemas so callers pass only what they care about and every default matches Cisco's samples;
// every value goes through the shared escaper.
import { z } from "zod";
import { element, type XmlFragment } from "@/lib/soap/escape";
import {
  ctiManagerClass,
  ctiStatusFilter,
  deviceClassFilter,
  downloadStatusFilter,
  protocolFilter,
  registrationStatusFilter,
  selectAppBy,
  selectBy,
} from "./enums";
import { ANY_MODEL } from "./models";

export const RISPORT_NAMESPACE = "http://schemas.cisco.com/ast/soap";
const ENVELOPE_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";
/** Some CUCM versions and docs allow 2000 per reply; the product default stays at 1000. */
export const MAX_REPLY_CAP = 2000;
export const DEFAULT_REPLY_CAP = 1000;
/** The seed: "the upper limit on returned results for RisPort70 itself is 1000". */
export const DOCUMENTED_REPLY_CAP = 1000;
/**
 * Names per request: a reply's worth. The seed gathers names "500 devices at a time" as an example;
 * Cisco documents no SelectItems limit, and name lists "up to the cap per request" make a sweep of
 * N known devices ceil(N / 1000) requests. A cluster that refuses that many takes a lower setting.
 */
export const DEFAULT_ITEMS_PER_REQUEST = 1000;

export const cmSelectionCriteriaSchema = z.object({
  maxReturnedDevices: z.number().int().min(1).max(MAX_REPLY_CAP).default(DEFAULT_REPLY_CAP),
  deviceClass: deviceClassFilter.default("Any"),
  model: z.number().int().min(0).default(ANY_MODEL),
  status: registrationStatusFilter.default("Any"),
  /** Empty asks every node of the cluster. */
  nodeName: z.string().default(""),
  selectBy: selectBy.default("Name"),
  /** Names, addresses, numbers or descriptions, depending on selectBy; `*` is a wildcard. */
  selectItems: z.array(z.string()).default([]),
  protocol: protocolFilter.default("Any"),
  downloadStatus: downloadStatusFilter.default("Any"),
});

export const ctiSelectionCriteriaSchema = z.object({
  maxReturnedItems: z.number().int().min(1).max(MAX_REPLY_CAP).default(DEFAULT_REPLY_CAP),
  ctiManagerClass: ctiManagerClass.default("Provider"),
  status: ctiStatusFilter.default("Any"),
  nodeName: z.string().default(""),
  selectAppBy: selectAppBy.default("AppId"),
  appItems: z.array(z.string()).default([]),
  /** Devices controlled by the applications. */
  devNames: z.array(z.string()).default([]),
  /** Lines controlled by the applications; Cisco honours these only with the Line class. */
  dirNumbers: z.array(z.string()).default([]),
});

export type CmSelectionCriteria = z.input<typeof cmSelectionCriteriaSchema>;
export type CtiSelectionCriteria = z.input<typeof ctiSelectionCriteriaSchema>;

export type RisportMethod = "selectCmDevice" | "selectCmDeviceExt" | "selectCtiItem";

const soap = (name: string, content?: Parameters<typeof element>[1]) => element(`soap:${name}`, content);

function envelope(method: RisportMethod, stateInfo: string, criteria: XmlFragment): string {
  return element(
    "soapenv:Envelope",
    [element("soapenv:Header"), element("soapenv:Body", soap(method, [soap("StateInfo", stateInfo), criteria]))],
    { "xmlns:soapenv": ENVELOPE_NAMESPACE, "xmlns:soap": RISPORT_NAMESPACE },
  ).xml;
}

const items = (wrapper: string, itemName: string, values: readonly string[]) =>
  soap(
    wrapper,
    values.map((value) => soap("item", soap(itemName, value))),
  );

export function buildSelectCmDevice(
  method: "selectCmDevice" | "selectCmDeviceExt",
  input: CmSelectionCriteria,
  stateInfo = "",
): string {
  const criteria = cmSelectionCriteriaSchema.parse(input);
  return envelope(
    method,
    stateInfo,
    soap("CmSelectionCriteria", [
      soap("MaxReturnedDevices", criteria.maxReturnedDevices),
      soap("DeviceClass", criteria.deviceClass),
      soap("Model", criteria.model),
      soap("Status", criteria.status),
      soap("NodeName", criteria.nodeName),
      soap("SelectBy", criteria.selectBy),
      items("SelectItems", "Item", criteria.selectItems),
      soap("Protocol", criteria.protocol),
      soap("DownloadStatus", criteria.downloadStatus),
    ]),
  );
}

export function buildSelectCtiItem(input: CtiSelectionCriteria, stateInfo = ""): string {
  const criteria = ctiSelectionCriteriaSchema.parse(input);
  return envelope(
    "selectCtiItem",
    stateInfo,
    soap("CtiSelectionCriteria", [
      soap("MaxReturnedItems", criteria.maxReturnedItems),
      soap("CtiMgrClass", criteria.ctiManagerClass),
      soap("Status", criteria.status),
      soap("NodeName", criteria.nodeName),
      soap("SelectAppBy", criteria.selectAppBy),
      items("AppItems", "AppItem", criteria.appItems),
      items("DevNames", "DevName", criteria.devNames),
      items("DirNumbers", "DirNumber", criteria.dirNumbers),
    ]),
  );
}
