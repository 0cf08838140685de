// System-wide replies: ISgetGlobal (SCCP system), ISgetVoiceRegGlobal (SIP system),
// ISgetSessionServer and ISgetPresenceGlobal. Fields outside the domain types (such as the
// xml user block some 2010+ routers echo) are never read, so credentials cannot leak through.
import { fields, isXmlObject, type XmlObject } from "@/lib/soap";
import { boolean, integer, text } from "./convert";
import { entities, payload } from "./envelope";
import type { PresenceSettings, SessionServer, SipSystemStatus, SystemStatus, UrlService } from "./types";

/** The seed puts ISUrlType/ISUrlLink pairs right in ISUrlServices; the newer guide one ISUrlService each. */
function urlServices(node: XmlObject): UrlService[] {
  const blocks = fields(node, "ISUrlServices").filter(isXmlObject);
  return [...blocks, ...blocks.flatMap((block) => fields(block, "ISUrlService"))]
    .filter(isXmlObject)
    .flatMap((block) => {
      const types = fields(block, "ISUrlType");
      const links = fields(block, "ISUrlLink");
      return types.map((type, index) => ({
        type: typeof type === "string" ? type.trim() : "",
        link: typeof links[index] === "string" ? (links[index] as string).trim() : "",
      }));
    });
}

export function mapSystemStatus(response: XmlObject): SystemStatus {
  const global = payload(response, ["ISGlobal"]);
  return {
    address: text(global, "ISAddress"),
    mode: text(global, "ISMode"),
    version: text(global, "ISVersion"),
    hostName: text(global, "ISName"),
    registeredPhones: integer(global, "ISDeviceRegistered"),
    peakRegisteredPhones: integer(global, "ISPeakDeviceRegistered"),
    peakRegisteredTime: integer(global, "ISPeakDeviceRegisteredTime"),
    keepaliveInterval: integer(global, "ISKeepAliveInterval"),
    configuredPhones: integer(global, "ISConfiguredDevice"),
    configuredExtensions: integer(global, "ISConfiguredExtension"),
    serviceEngine: text(global, "ISServiceEngine"),
    port: integer(global, "ISPortNumber"),
    maxConference: integer(global, "ISMaxConference"),
    maxRedirect: integer(global, "ISMaxRedirect"),
    maxPhones: integer(global, "ISMaxEphone"),
    maxExtensions: integer(global, "ISMaxDN"),
    voicemail: text(global, "ISVoiceMail"),
    urlServices: urlServices(global),
  };
}

export function mapSipSystemStatus(response: XmlObject): SipSystemStatus {
  const global = payload(response, ["ISVoiceRegGlobal", "ISSipGlobal"]);
  return {
    address: text(global, "ISAddress"),
    mode: text(global, "ISMode"),
    version: text(global, "ISVersion"),
    serviceEngine: text(global, "ISServiceEngine"),
    authMode: authModes(global)[0] ?? null,
    authModes: authModes(global),
    port: integer(global, "ISPortNumber"),
    maxPools: integer(global, "ISMaxPool"),
    maxExtensions: integer(global, "ISMaxDN"),
    maxRedirect: integer(global, "ISMaxRedirect"),
  };
}

/** The seed's one ISAuthMode, or the newer ISAuthModes > ISAuthMode list. */
function authModes(node: XmlObject): string[] {
  return [...fields(node, "ISAuthMode"), ...fields(node, "ISAuthModes").flatMap((block) => fields(block, "ISAuthMode"))]
    .map((value) => (typeof value === "string" ? value.trim() : ""))
    .filter(Boolean);
}

export function mapSessionServers(response: XmlObject): SessionServer[] {
  return entities(response, ["ISSessionServer"], ["ISSessionServers"]).map((server) => ({
    id: integer(server, "ISSessionServerID"),
    registerId: text(server, "ISSessionRegisterID"),
    keepalives: integer(server, "ISSessionKeepAlives", "ISSessionKeepAlive"),
  }));
}

export function mapPresenceSettings(response: XmlObject): PresenceSettings {
  const presence = payload(response, ["ISPresenceGlobal"]);
  return {
    enabled: boolean(presence, "ISPresenceEnable"),
    mode: text(presence, "ISMode"),
    allowSubscribe: boolean(presence, "ISAllowSub"),
    allowWatch: boolean(presence, "ISAllowWatch"),
    maxSubscriptions: integer(presence, "ISMaxSubAllow"),
    sipUaPresenceStatus: boolean(presence, "ISSipUaPresenceStatus"),
  };
}
