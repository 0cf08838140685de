// Reads a RisPort70 SOAP request into typed criteria. Prefixes vary between clients (soap:, ns:,
// none), so namespaces are dropped; values stay strings until the zod schemas check them against
// the WSDL enumerations, as Axis would refuse an unknown enumeration value.
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import {
  ctiMgrClassSchema,
  ctiStatusFilterSchema,
  deviceClassSchema,
  deviceStatusSchema,
  downloadStatusFilterSchema,
  protocolFilterSchema,
  selectAppBySchema,
  selectBySchema,
} from "./vocabulary";

export class RequestError extends Error {
  constructor(
    message: string,
    readonly faultCode: "soapenv:Client" | "soapenv:Server.userException",
  ) {
    super(message);
  }
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === "item" || name === "Node",
});

/** The text of an element as fast-xml-parser hands it over; nil or missing elements give undefined. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (value && typeof value === "object" && "#text" in value)
    return String((value as Record<string, unknown>)["#text"]).trim();
  return undefined;
}

/** `<List><item><Leaf>v</Leaf></item>...</List>` as a list of non-empty strings, in request order. */
function itemList(list: unknown, leaf: string): string[] {
  if (!list || typeof list !== "object") return [];
  const items = (list as Record<string, unknown>).item;
  if (!Array.isArray(items)) return [];
  const values: string[] = [];
  for (const item of items) {
    const value = text(item && typeof item === "object" ? (item as Record<string, unknown>)[leaf] : undefined);
    if (value) values.push(value);
  }
  return values;
}

const count = z.string().regex(/^\d+$/, "must be an unsigned integer").transform(Number);

const cmCriteriaSchema = z.object({
  maxReturnedDevices: count.optional(),
  deviceClass: deviceClassSchema.default("Any"),
  model: count.default(255),
  status: deviceStatusSchema.default("Any"),
  nodeName: z.string().default(""),
  selectBy: selectBySchema,
  selectItems: z.array(z.string()),
  protocol: protocolFilterSchema.default("Any"),
  downloadStatus: downloadStatusFilterSchema.default("Any"),
});
export type CmSelectionCriteria = z.output<typeof cmCriteriaSchema>;

const ctiCriteriaSchema = z.object({
  maxReturnedItems: count.optional(),
  ctiMgrClass: ctiMgrClassSchema,
  status: ctiStatusFilterSchema.default("Any"),
  nodeName: z.string().default(""),
  selectAppBy: selectAppBySchema.default("AppId"),
  appItems: z.array(z.string()),
  devNames: z.array(z.string()),
  dirNumbers: z.array(z.string()),
});
export type CtiSelectionCriteria = z.output<typeof ctiCriteriaSchema>;

export type RisPortMethod = "selectCmDevice" | "selectCmDeviceExt" | "selectCtiItem";

export type RisPortRequest =
  | { method: "selectCmDevice" | "selectCmDeviceExt"; stateInfo: unknown; criteria: CmSelectionCriteria }
  | { method: "selectCtiItem"; stateInfo: unknown; criteria: CtiSelectionCriteria };

const methods: readonly RisPortMethod[] = ["selectCmDevice", "selectCmDeviceExt", "selectCtiItem"];

function validated<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RequestError(
    `org.xml.sax.SAXException: Invalid value for ${issue?.path.join(".") ?? "request"}: ${issue?.message ?? "invalid"}`,
    "soapenv:Server.userException",
  );
}

/** Finds the operation element; its name decides the method whatever the SOAPAction header says. */
export function readRequestMethod(body: string): { method: RisPortMethod; operation: Record<string, unknown> } {
  let document: unknown;
  try {
    document = parser.parse(body, true);
  } catch (error) {
    throw new RequestError(
      `org.xml.sax.SAXParseException: ${(error as Error).message}`,
      "soapenv:Server.userException",
    );
  }
  const envelope = (document as Record<string, unknown> | undefined)?.Envelope as Record<string, unknown> | undefined;
  const soapBody = envelope?.Body;
  if (!soapBody || typeof soapBody !== "object") throw new RequestError("No SOAP Body in request", "soapenv:Client");
  for (const [name, operation] of Object.entries(soapBody)) {
    const method = methods.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (method)
      return {
        method,
        operation: operation && typeof operation === "object" ? (operation as Record<string, unknown>) : {},
      };
  }
  const first = Object.keys(soapBody)[0] ?? "";
  throw new RequestError(`No such operation '${first}'`, "soapenv:Client");
}

/** Checks the selection criteria of an operation found by readRequestMethod. */
export function readCriteria({ method, operation }: ReturnType<typeof readRequestMethod>): RisPortRequest {
  // Escaped text is the norm; a client embedding raw XML hands over an already parsed element.
  const rawStateInfo = operation.StateInfo;
  const stateInfo =
    rawStateInfo && typeof rawStateInfo === "object" && !("#text" in rawStateInfo) ? rawStateInfo : text(rawStateInfo);
  if (method === "selectCtiItem") {
    const raw = (operation.CtiSelectionCriteria ?? {}) as Record<string, unknown>;
    return {
      method,
      stateInfo,
      criteria: validated(ctiCriteriaSchema, {
        maxReturnedItems: text(raw.MaxReturnedItems) || undefined,
        ctiMgrClass: text(raw.CtiMgrClass),
        status: text(raw.Status) || undefined,
        nodeName: text(raw.NodeName),
        selectAppBy: text(raw.SelectAppBy) || undefined,
        appItems: itemList(raw.AppItems, "AppItem"),
        devNames: itemList(raw.DevNames, "DevName"),
        dirNumbers: itemList(raw.DirNumbers, "DirNumber"),
      }),
    };
  }
  const raw = (operation.CmSelectionCriteria ?? {}) as Record<string, unknown>;
  return {
    method,
    stateInfo,
    criteria: validated(cmCriteriaSchema, {
      maxReturnedDevices: text(raw.MaxReturnedDevices) || undefined,
      deviceClass: text(raw.DeviceClass) || undefined,
      model: text(raw.Model) || undefined,
      status: text(raw.Status) || undefined,
      nodeName: text(raw.NodeName),
      selectBy: text(raw.SelectBy),
      selectItems: itemList(raw.SelectItems, "Item"),
      protocol: text(raw.Protocol) || undefined,
      downloadStatus: text(raw.DownloadStatus) || undefined,
    }),
  };
}
