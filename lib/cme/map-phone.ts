// ISDevice (SCCP ephone or SIP voice register pool) -> Phone.
import { fields, isXmlObject, type XmlObject } from "@/lib/soap";
import { boolean, integer, ipv4, registrationStatus, text, textOf } from "./convert";
import { entities } from "./envelope";
import type { LineButton, Phone, PhoneLine, TapiStatus } from "./types";
import { dottedMac, normalizeMac } from "./validators";

const DEVICE_NAMES = ["ISDevice", "ISSipDevice"];
const DEVICE_WRAPPERS = ["ISDevices", "ISSipDevices"];
const TAPI_FIELDS = ["ISTapiClientAddr", "ISDevTapiCStatus", "ISDevTapiCLastStatus", "ISTapiCChangeTime", "ISTapiCKeepAlive"];

function address(node: XmlObject, name: string): string | null {
  const block = fields(node, name).find(isXmlObject);
  return ipv4(block ? text(block, "Xipv4Address") : text(node, name));
}

function lineButtons(node: XmlObject): LineButton[] {
  return fields(node, "ISDevLineButton")
    .filter(isXmlObject)
    .map((button) => ({ button: integer(button, "ISDevLineButtonID") ?? 0, mode: text(button, "ISDevLineButtonMode") ?? "" }));
}

function lines(node: XmlObject): PhoneLine[] {
  return fields(node, "ISPhoneLineList")
    .flatMap((list) => fields(list, "ExtMapStatus"))
    .filter(isXmlObject)
    .map((line) => ({
      line: integer(line, "LineId") ?? 0,
      extensionTag: integer(line, "ExtId"),
      directoryNumber: text(line, "ExtNumber") ?? "",
      extensionUp: boolean(line, "ExtStatus"),
      state: text(line, "LineState"),
    }));
}

function tapi(node: XmlObject): TapiStatus | null {
  if (!TAPI_FIELDS.some((name) => fields(node, name).length > 0)) return null;
  return {
    clientIpv4: address(node, "ISTapiClientAddr"),
    status: text(node, "ISDevTapiCStatus"),
    lastStatus: text(node, "ISDevTapiCLastStatus"),
    changeTime: integer(node, "ISTapiCChangeTime"),
    keepalives: integer(node, "ISTapiCKeepAlive", "ISTapiCKeepAlives"),
  };
}

export function mapPhone(node: XmlObject): Phone {
  const name = textOf(node, "ISDevName", "ISDevMac");
  const mac = name === null ? null : normalizeMac(name);
  const sip = fields(node, "ISPoolID").length > 0 || fields(node, "ISDevMac").length > 0;
  return {
    protocol: sip ? "sip" : "sccp",
    name: name === null ? null : mac !== null ? name.toUpperCase() : name,
    mac: mac === null ? null : dottedMac(mac),
    ephoneTag: integer(node, "ISDevID"),
    poolId: integer(node, "ISPoolID"),
    model: text(node, "ISDevType"),
    user: text(node, "ISDevUserName"),
    lineButtons: lineButtons(node),
    lines: lines(node),
    ipv4: address(node, "ISDevAddr"),
    registrationStatus: registrationStatus(text(node, "ISDevStatus")),
    lastStatus: registrationStatus(text(node, "ISDevLastStatus")),
    changeTime: integer(node, "ISDevChangeTime"),
    keepalives: integer(node, "ISDevKeepAlives", "ISDevKeepAlive"),
    keyPhone: boolean(node, "ISKeyPhone"),
    doNotDisturb: boolean(node, "ISDevDND"),
    tapi: tapi(node),
    sessionServer: integer(node, "ISDevSessionServer"),
    maxRegistrations: integer(node, "ISPoolMaxRegistration"),
    dtmfRelay: text(node, "ISPoolDtmfRelay"),
    codec: text(node, "ISDevCodec"),
  };
}

export function mapPhones(response: XmlObject): Phone[] {
  return entities(response, DEVICE_NAMES, DEVICE_WRAPPERS).map(mapPhone);
}
