// Helpers for this folder's tests: raw RisPort70 requests as clients send them (with varying
// prefixes), a POST over loopback, and a namespace-blind reading of the reply.
import { XMLParser } from "fast-xml-parser";
import type { CucmSimulator } from "@/lib/simulators/cucm/index";

export type Prefix = "soap" | "ns" | "";

export interface CmQuery {
  method?: "selectCmDevice" | "selectCmDeviceExt";
  items?: string[];
  selectBy?: string;
  maxReturned?: number | string;
  deviceClass?: string;
  model?: number;
  status?: string;
  nodeName?: string;
  protocol?: string;
  downloadStatus?: string;
  stateInfo?: string;
  prefix?: Prefix;
}

const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function envelope(prefix: Prefix, operation: string): string {
  const declaration = prefix ? ` xmlns:${prefix}="http://schemas.cisco.com/ast/soap"` : "";
  const body = prefix ? operation : operation.replace(/^<(\w+)>/, '<$1 xmlns="http://schemas.cisco.com/ast/soap">');
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"${declaration}><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

export function cmQuery(query: CmQuery = {}): string {
  const p = query.prefix ?? "soap";
  const tag = (name: string, value: string | number): string =>
    `<${p ? `${p}:` : ""}${name}>${value}</${p ? `${p}:` : ""}${name}>`;
  const method = query.method ?? "selectCmDevice";
  const items = (query.items ?? ["*"]).map((item) => tag("item", tag("Item", escapeXml(item)))).join("");
  const criteria =
    tag("MaxReturnedDevices", query.maxReturned ?? 1000) +
    tag("DeviceClass", query.deviceClass ?? "Any") +
    tag("Model", query.model ?? 255) +
    tag("Status", query.status ?? "Any") +
    tag("NodeName", query.nodeName ?? "") +
    tag("SelectBy", query.selectBy ?? "Name") +
    tag("SelectItems", items) +
    tag("Protocol", query.protocol ?? "Any") +
    tag("DownloadStatus", query.downloadStatus ?? "Any");
  return envelope(
    p,
    tag(method, tag("StateInfo", escapeXml(query.stateInfo ?? "")) + tag("CmSelectionCriteria", criteria)),
  );
}

export interface CtiQuery {
  ctiMgrClass: "Provider" | "Device" | "Line";
  status?: string;
  nodeName?: string;
  selectAppBy?: string;
  appItems?: string[];
  devNames?: string[];
  dirNumbers?: string[];
  maxReturned?: number;
  stateInfo?: string;
}

export function ctiQuery(query: CtiQuery): string {
  const tag = (name: string, value: string | number): string => `<soap:${name}>${value}</soap:${name}>`;
  const list = (name: string, leaf: string, values: string[] = []): string =>
    tag(name, values.map((value) => tag("item", tag(leaf, escapeXml(value)))).join(""));
  const criteria =
    tag("MaxReturnedItems", query.maxReturned ?? 1000) +
    tag("CtiMgrClass", query.ctiMgrClass) +
    tag("Status", query.status ?? "Any") +
    tag("NodeName", query.nodeName ?? "") +
    tag("SelectAppBy", query.selectAppBy ?? "AppId") +
    list("AppItems", "AppItem", query.appItems) +
    list("DevNames", "DevName", query.devNames) +
    list("DirNumbers", "DirNumber", query.dirNumbers);
  return envelope(
    "soap",
    tag("selectCtiItem", tag("StateInfo", escapeXml(query.stateInfo ?? "")) + tag("CtiSelectionCriteria", criteria)),
  );
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

export async function post(
  sim: CucmSimulator,
  body: string,
  options: { node?: number; authorization?: string | null; cookie?: string } = {},
): Promise<HttpReply> {
  const headers: Record<string, string> = { "Content-Type": "text/xml; charset=utf-8", SOAPAction: '"selectCmDevice"' };
  const authorization =
    options.authorization === undefined
      ? basicAuth(sim.credentials.user, sim.credentials.password)
      : options.authorization;
  if (authorization) headers.Authorization = authorization;
  if (options.cookie) headers.Cookie = options.cookie;
  const response = await fetch(sim.urls[options.node ?? 0] as string, { method: "POST", headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  isArray: (name) => name === "item",
});

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked freely by the tests that read it
type Xml = Record<string, any>;

export function readXml(text: string): Xml {
  return parser.parse(text) as Xml;
}

export interface CmReply {
  total: number;
  nodes: { returnCode: string; name: string; noChange: boolean; devices: Xml[] }[];
  stateInfo: string;
  cmNodesNil: boolean;
}

export function readCmReply(text: string): CmReply {
  const result = readXml(text).Envelope.Body.selectCmDeviceResponse.selectCmDeviceReturn;
  const cmNodes = result.SelectCmDeviceResult.CmNodes;
  const items: Xml[] = cmNodes?.item ?? [];
  return {
    total: Number(result.SelectCmDeviceResult.TotalDevicesFound),
    nodes: items.map((item) => ({
      returnCode: item.ReturnCode,
      name: item.Name,
      noChange: item.NoChange === "true",
      devices: item.CmDevices?.item ?? [],
    })),
    stateInfo: typeof result.StateInfo === "string" ? result.StateInfo : "",
    cmNodesNil: cmNodes?.["@_nil"] === "1",
  };
}

export function allDevices(reply: CmReply): Xml[] {
  return reply.nodes.flatMap((node) => node.devices);
}

export interface CtiReply {
  total: number;
  nodes: { returnCode: string; name: string; noChange: boolean; items: Xml[] }[];
  stateInfo: string;
}

export function readCtiReply(text: string): CtiReply {
  const result = readXml(text).Envelope.Body.selectCtiItemResponse.selectCtiItemReturn;
  const items: Xml[] = result.SelectCtiItemResult.CtiNodes?.item ?? [];
  return {
    total: Number(result.SelectCtiItemResult.TotalItemsFound),
    nodes: items.map((item) => ({
      returnCode: item.ReturnCode,
      name: item.Name,
      noChange: item.NoChange === "true",
      items: item.CtiItems?.item ?? [],
    })),
    stateInfo: typeof result.StateInfo === "string" ? result.StateInfo : "",
  };
}
