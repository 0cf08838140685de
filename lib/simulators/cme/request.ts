// Reads a request the way a router's XML layer would: envelope, one method, only the
// parameter elements the seed names for it. Anything else is a RequestFault (a SOAP Client fault).
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { CME_CORE_METHODS, type CmeCoreMethod } from "@/lib/domain/cme-methods";

/** The methods a router of the seed guide answers (the names shared with the client). */
export const METHODS = CME_CORE_METHODS;
export type MethodName = CmeCoreMethod;

/** One parameter element of the method, in request order; values stay strings (0800). */
export interface RequestParam {
  name: string;
  value: string;
}

export interface CmeRequest {
  method: MethodName;
  params: RequestParam[];
}

export class RequestFault extends Error {}

interface ParamRule {
  allowed: readonly string[];
  /** "any": at least one parameter; otherwise these names each exactly once. */
  required?: "any" | readonly string[];
  /** Parameters whose empty value is passed on (the handler decides). */
  mayBeEmpty?: readonly string[];
}

// ISKeyword is the 2010 guide's selector; the 2008 keyword-in-ISDevName form is also accepted.
// The seed spells the session-server name both ISSessionServerName and ISSessionserverName.
const PARAMS: Record<MethodName, ParamRule> = {
  ISexecCLI: { allowed: ["CLI"], required: "any", mayBeEmpty: ["CLI"] },
  ISSaveConfig: { allowed: [] },
  ISgetGlobal: { allowed: [] },
  ISgetDevice: { allowed: ["ISDevID", "ISDevName", "ISPoolID", "ISPoolName", "ISKeyword"], required: "any" },
  ISgetExtension: {
    allowed: ["ISExtID", "ISExtNumber", "ISVoiceRegDNID", "ISVoiceRegDNName", "ISVoiceRegNumber", "ISKeyword"],
    required: "any",
  },
  ISsetKeyPhones: { allowed: ["ISPhoneName"], required: "any" },
  ISunsetKeyPhones: { allowed: ["ISPhoneName"], required: "any" },
  ISgetEvtCounts: { allowed: [] },
  ISgetDevEvts: { allowed: ["ISDevEvtID", "ISDevID", "ISDevName"], required: "any" },
  ISgetExtEvts: { allowed: ["ISExtEvtID", "ISExtID", "ISExtNumber"], required: "any" },
  ISgetUser: { allowed: ["ISuserID"], required: ["ISuserID"] },
  ISupdateUser: {
    allowed: ["ISuserID", "ISpassword"],
    required: ["ISuserID", "ISpassword"],
    mayBeEmpty: ["ISpassword"],
  },
  ISgetVoiceRegGlobal: { allowed: [] },
  ISgetSessionServer: { allowed: ["ISSessionServerID", "ISSessionServerName", "ISSessionserverName"], required: "any" },
  ISgetPresenceGlobal: { allowed: [] },
  ISgetSipDevice: { allowed: ["ISPoolID", "ISPoolName", "ISKeyword"], required: "any" },
  ISgetSipExtension: { allowed: ["ISVoiceRegDNID", "ISVoiceRegNumber", "ISKeyword"], required: "any" },
};

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseRequest(body: string): CmeRequest {
  // IOS's XML layer has no use for a DTD; refusing it outright also stops entity expansion.
  if (/<!DOCTYPE/i.test(body)) throw new RequestFault("DOCTYPE is not allowed");
  const validation = XMLValidator.validate(body);
  if (validation !== true) throw new RequestFault(`XML parse error: ${validation.err.msg}`);

  const roots = toElements(parser.parse(body) as OrderedNode[]);
  const envelope = single(roots, "the document", (name) => localName(name) === "Envelope");
  const soapBody = single(envelope.children, "Envelope", (name) => localName(name) === "Body");
  const axl = single(soapBody.children, "Body", (name) => name === "axl");
  const request = single(axl.children, "axl", (name) => name === "request");
  const methodElement = single(request.children, "request", () => true);

  const method = METHODS.find((name) => name === methodElement.name);
  if (!method) throw new RequestFault(`unknown method ${methodElement.name}`);
  const declared = Object.entries(request.attributes).find(([name]) => localName(name) === "type")?.[1];
  if (declared !== undefined && declared.trim() !== method) {
    throw new RequestFault(`xsi:type ${declared.trim()} does not match method ${method}`);
  }
  if (methodElement.text !== "") throw new RequestFault(`unexpected text in ${method}`);
  return { method, params: readParams(method, methodElement) };
}

function readParams(method: MethodName, element: XmlElement): RequestParam[] {
  const rule = PARAMS[method];
  const params = element.children.map((child): RequestParam => {
    if (!rule.allowed.includes(child.name)) throw new RequestFault(`unexpected element ${child.name} in ${method}`);
    if (child.children.length > 0) throw new RequestFault(`${child.name} must hold text only`);
    if (child.text === "" && !rule.mayBeEmpty?.includes(child.name)) throw new RequestFault(`${child.name} is empty`);
    return { name: child.name, value: child.text };
  });
  if (rule.required === "any" && params.length === 0) {
    throw new RequestFault(`${method} needs at least one of ${rule.allowed.join(", ")}`);
  }
  if (Array.isArray(rule.required)) {
    for (const name of rule.required) {
      const count = params.filter((param) => param.name === name).length;
      if (count !== 1) throw new RequestFault(`${method} needs exactly one ${name}`);
    }
  }
  return params;
}

function single(elements: XmlElement[], parent: string, matches: (name: string) => boolean): XmlElement {
  const [first, ...others] = elements;
  if (!first || others.length > 0 || !matches(first.name)) {
    throw new RequestFault(`unexpected content in ${parent}: ${elements.map((e) => e.name).join(", ") || "nothing"}`);
  }
  return first;
}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

/** fast-xml-parser's ordered output -> plain elements (text joined, attributes as strings). */
function toElements(nodes: OrderedNode[]): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ":@");
    if (name === undefined || name === "#text" || name.startsWith("?") || name === "#comment") continue;
    const content = (node[name] as OrderedNode[]) ?? [];
    const attributes = Object.fromEntries(
      Object.entries((node[":@"] as Record<string, unknown> | undefined) ?? {}).map(([key, value]) => [
        key,
        String(value),
      ]),
    );
    const text = content.map((child) => ("#text" in child ? String(child["#text"]) : "")).join("");
    elements.push({ name, attributes, children: toElements(content), text });
  }
  return elements;
}
