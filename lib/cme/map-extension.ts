// ISExtension (SCCP ephone-dn or SIP voice register dn) -> Extension.
import { fields, type XmlObject } from "@/lib/soap";
import { boolean, extensionStatus, integer, text, textOf } from "./convert";
import { entities } from "./envelope";
import type { Extension } from "./types";

const EXTENSION_NAMES = ["ISExtension", "ISSipExtension"];
const EXTENSION_WRAPPERS = ["ISExtensions", "ISSipExtensions"];

function devices(node: XmlObject): number[] {
  return fields(node, "ISDevList")
    .flatMap((list) => [...fields(list, "ISDeviceID"), ...fields(list, "ISPoolID"), ...fields(list, "ISDevID")])
    .map((value) => (typeof value === "string" ? value.trim() : ""))
    .filter((value) => /^\d+$/.test(value))
    .map(Number);
}

export function mapExtension(node: XmlObject): Extension {
  const sip = fields(node, "ISVoiceRegDNID").length > 0;
  return {
    protocol: sip ? "sip" : "sccp",
    tag: integer(node, "ISExtID", "ISVoiceRegDNID"),
    number: textOf(node, "ISExtNumber", "ISVoiceRegNumber"),
    secondaryNumber: text(node, "ISExtSecNumber"),
    type: text(node, "ISExtType"),
    status: extensionStatus(text(node, "ISExtStatus")),
    callStatus: text(node, "ISExtCallStatus"),
    lineMode: text(node, "ISExtLineMode"),
    changeTime: integer(node, "ISExtChangeTime"),
    usage: integer(node, "ISExtUsage"),
    portName: text(node, "ISExtPortName"),
    allowWatch: boolean(node, "ISAllowWatch"),
    firstName: textOf(node, "firstname", "ISExtFirstName"),
    lastName: textOf(node, "lastname", "ISExtLastName"),
    callForwardAll: textOf(node, "callForwardAll", "ISExtCallForwardAll"),
    sessionServer: integer(node, "ISSessionServerID", "ISDevSessionServer"),
    devices: devices(node),
  };
}

export function mapExtensions(response: XmlObject): Extension[] {
  return entities(response, EXTENSION_NAMES, EXTENSION_WRAPPERS).map(mapExtension);
}
