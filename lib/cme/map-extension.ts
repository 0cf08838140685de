// ISExtension (SCCP ephone-dn or SIP voice register dn) -> Extension.
import { fields, type XmlObject, type XmlValue } from "@/lib/soap";
import { boolean, extensionStatus, integer, ipv4, text, textOf } from "./convert";
import { knownEntities } from "./envelope";
import type { Extension, SingleNumberReach } from "./types";

const EXTENSION_NAMES = ["ISExtension", "ISSipExtension"];
const EXTENSION_WRAPPERS = ["ISExtensions", "ISSipExtensions"];

const numbers = (values: XmlValue[]) =>
  values
    .map((value) => (typeof value === "string" ? value.trim() : ""))
    .filter((value) => /^\d+$/.test(value))
    .map(Number);

/** ISDevList (ephone tags, or pool ids in the seed's SIP example) or the newer ISSipDevList (pool ids). */
function devices(node: XmlObject): number[] {
  return numbers(
    [...fields(node, "ISDevList"), ...fields(node, "ISSipDevList")].flatMap((list) => [
      ...fields(list, "ISDeviceID"),
      ...fields(list, "ISPoolID"),
      ...fields(list, "ISDevID"),
    ]),
  );
}

/** The seed's single ISSessionServerID / ISDevSessionServer, or the newer ISSessionServerIDs list. */
function sessionServers(node: XmlObject): number[] {
  return numbers([
    ...fields(node, "ISSessionServerID"),
    ...fields(node, "ISDevSessionServer"),
    ...fields(node, "ISSessionServerIDs").flatMap((list) => fields(list, "ISSessionServerID")),
  ]);
}

function singleNumberReach(node: XmlObject): SingleNumberReach | null {
  if (!["SNRnumber", "SNRdelay", "SNRtimeout", "SNRnoanNumber"].some((name) => fields(node, name).length > 0))
    return null;
  return {
    number: text(node, "SNRnumber"),
    delaySeconds: integer(node, "SNRdelay"),
    timeoutSeconds: integer(node, "SNRtimeout"),
    noAnswerNumber: text(node, "SNRnoanNumber"),
  };
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
    homeAddress: ipv4(text(node, "ISExtHomeAddress")),
    multiLines: integer(node, "ISExtMultiLines"),
    portName: text(node, "ISExtPortName"),
    allowWatch: boolean(node, "ISAllowWatch"),
    firstName: textOf(node, "firstname", "ISExtFirstName"),
    lastName: textOf(node, "lastname", "ISExtLastName"),
    callForwardAll: textOf(node, "callForwardAll", "ISExtCallForwardAll"),
    sessionServer: sessionServers(node)[0] ?? null,
    sessionServers: sessionServers(node),
    mobility: boolean(node, "Mobility"),
    singleNumberReach: singleNumberReach(node),
    devices: devices(node),
  };
}

/** Every extension of an ISgetExtension / ISgetSipExtension reply; a reply of unknown shape is an error. */
export function mapExtensions(response: XmlObject): Extension[] {
  return knownEntities(response, EXTENSION_NAMES, EXTENSION_WRAPPERS, [
    "ISExtID",
    "ISExtNumber",
    "ISVoiceRegDNID",
    "ISVoiceRegNumber",
  ]).map(mapExtension);
}
