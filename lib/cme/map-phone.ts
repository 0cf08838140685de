// ISDevice (SCCP ephone or SIP voice register pool) -> Phone.
import { fields, isXmlObject, type XmlObject } from "@/lib/soap";
import { boolean, integer, ipv4, registrationStatus, text, textOf } from "./convert";
import { knownEntities } from "./envelope";
import type { LineButton, Phone, PhoneLine, TapiStatus } from "./types";
import { dottedMac, normalizeMac } from "./validators";

const DEVICE_NAMES = ["ISDevice", "ISSipDevice"];
const DEVICE_WRAPPERS = ["ISDevices", "ISSipDevices"];
// The seed spells the last TAPI status ISDevTapiCLastStatus, the newer guide ISTapiCLastStatus.
const TAPI_FIELDS = [
  "ISTapiClientAddr",
  "ISDevTapiCStatus",
  "ISDevTapiCLastStatus",
  "ISTapiCLastStatus",
  "ISTapiCChangeTime",
  "ISTapiCKeepAlive",
];

function address(node: XmlObject, name: string): string | null {
  const block = fields(node, name).find(isXmlObject);
  return ipv4(block ? text(block, "Xipv4Address") : text(node, name));
}

/** The seed lists ISDevLineButton in ISDevice; the newer guide wraps them in ISDevLineButtons. */
function lineButtons(node: XmlObject): LineButton[] {
  return [
    ...fields(node, "ISDevLineButton"),
    ...fields(node, "ISDevLineButtons").flatMap((block) => fields(block, "ISDevLineButton")),
  ]
    .filter(isXmlObject)
    .map((button) => ({
      button: integer(button, "ISDevLineButtonID") ?? 0,
      mode: text(button, "ISDevLineButtonMode") ?? "",
    }));
}

/** ISPhoneLineList (SCCP, and SIP in the seed) or ISSipPhoneLineList (the newer ISSipDevice). */
function lines(node: XmlObject): PhoneLine[] {
  return [...fields(node, "ISPhoneLineList"), ...fields(node, "ISSipPhoneLineList")]
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
    lastStatus: textOf(node, "ISDevTapiCLastStatus", "ISTapiCLastStatus"),
    changeTime: integer(node, "ISTapiCChangeTime"),
    keepalives: integer(node, "ISTapiCKeepAlive", "ISTapiCKeepAlives"),
  };
}

/**
 * The device name: ISDevName, or the SIP ISDevMac, which the seed writes SEPFFFFFFFFFFFF and the
 * newer guide dotted (0013.1978.3CA5 -> SEP001319783CA5).
 */
function deviceName(node: XmlObject): { name: string | null; mac: string | null } {
  const name = textOf(node, "ISDevName", "ISDevMac");
  const mac = name === null ? null : normalizeMac(name);
  if (name === null || mac === null) return { name, mac };
  return { name: /^(SEP|ATA)/i.test(name) ? name.toUpperCase() : `SEP${mac}`, mac };
}

export function mapPhone(node: XmlObject): Phone {
  const { name, mac } = deviceName(node);
  const sip = fields(node, "ISPoolID").length > 0 || fields(node, "ISDevMac").length > 0;
  return {
    protocol: sip ? "sip" : "sccp",
    name,
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
    configuredType: text(node, "ISconfigDevType"),
    singleNumberReach: text(node, "SNRui"),
    logoutProfileId: integer(node, "ISLogoutProfileID"),
    userProfileId: integer(node, "ISUserProfileID"),
    sessionServer: integer(node, "ISDevSessionServer", "ISSessionServerID"),
    maxRegistrations: integer(node, "ISPoolMaxRegistration"),
    dtmfRelay: text(node, "ISPoolDtmfRelay"),
    codec: text(node, "ISDevCodec"),
  };
}

/** Every phone of an ISgetDevice / ISgetSipDevice reply; a reply of unknown shape is an error. */
export function mapPhones(response: XmlObject): Phone[] {
  return knownEntities(response, DEVICE_NAMES, DEVICE_WRAPPERS, ["ISDevID", "ISDevName", "ISPoolID", "ISDevMac"]).map(
    mapPhone,
  );
}
