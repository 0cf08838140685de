// What callers can ask for, per method, and how each choice is written in either dialect:
// 2008 routers take the SCCP keywords of ISgetDevice/ISgetExtension inside ISDevName/ISExtNumber,
// 2010+ routers in <ISKeyword>. SIP, event and session-server keywords keep their own elements
// (ISDevName/ISExtNumber "all" in events, ISSessionServerName) in both. SIP keywords go in
// ISPoolName / ISVoiceRegDNName (2008) or in ISKeyword of ISgetSipDevice / ISgetSipExtension (newer).
import { UnsafeInputError, element, type XmlFragment } from "@/lib/soap";
import type { CmeDialect } from "./types";
import { checkDirectoryNumber, checkEventId, checkPhoneName, checkTag } from "./validators";

export type SccpPhoneKeyword = "all" | "allRegistered" | "allUnregistered" | "allKeyphone" | "allTag";
/** allTag for SIP exists only in the newer form (2010+), where SIP has its own getters. */
export type SipKeyword = "all" | "available" | "allTag";
export type SccpExtensionKeyword = "all" | "allUp" | "allDown" | "allTag";

/** ISgetDevice: SCCP by ephone tag, device name or keyword; SIP by pool tag or keyword. */
export type PhoneSelector =
  | { ephoneTag: number }
  | { name: string }
  | { keyword: SccpPhoneKeyword }
  | { poolId: number }
  | { sipKeyword: SipKeyword };

/** ISgetExtension: SCCP by ephone-dn tag, number or keyword; SIP by voice register dn tag, number or keyword. */
export type ExtensionSelector =
  | { extensionTag: number }
  | { number: string }
  | { keyword: SccpExtensionKeyword }
  | { sipTag: number }
  | { sipNumber: string }
  | { sipKeyword: SipKeyword };

export type PhoneEventSelector = { eventId: number } | { ephoneTag: number } | { name: string } | { keyword: "all" };
export type ExtensionEventSelector =
  | { eventId: number }
  | { extensionTag: number }
  | { number: string }
  | { keyword: "all" };
export type SessionServerSelector = { id: number } | { keyword: SipKeyword };

const SCCP_PHONE_KEYWORDS = new Set<string>(["all", "allRegistered", "allUnregistered", "allKeyphone", "allTag"]);
const SCCP_EXTENSION_KEYWORDS = new Set<string>(["all", "allUp", "allDown", "allTag"]);
const SIP_KEYWORDS = new Set<string>(["all", "available"]);
const NEWER_SIP_KEYWORDS = new Set<string>(["all", "available", "allTag"]);
const EVENT_KEYWORDS = new Set<string>(["all"]);

function keyword(value: string, allowed: ReadonlySet<string>, element2008: string, dialect: CmeDialect): XmlFragment {
  if (!allowed.has(value)) {
    throw new UnsafeInputError("keyword", "The selector is not one the router understands.");
  }
  return element(dialect === "2010" ? "ISKeyword" : element2008, value);
}

export function phoneSelectorXml(selector: PhoneSelector, dialect: CmeDialect): XmlFragment {
  if ("ephoneTag" in selector) return element("ISDevID", checkTag(selector.ephoneTag, "ephone tag"));
  if ("name" in selector) return element("ISDevName", checkPhoneName(selector.name));
  if ("keyword" in selector) return keyword(selector.keyword, SCCP_PHONE_KEYWORDS, "ISDevName", dialect);
  if ("poolId" in selector) return element("ISPoolID", checkTag(selector.poolId, "pool tag"));
  // 2008: in ISgetDevice's ISPoolName; newer form: in ISgetSipDevice's ISKeyword.
  return keyword(selector.sipKeyword, dialect === "2010" ? NEWER_SIP_KEYWORDS : SIP_KEYWORDS, "ISPoolName", dialect);
}

export const isSipPhoneSelector = (selector: PhoneSelector) => "poolId" in selector || "sipKeyword" in selector;
export const isSipExtensionSelector = (selector: ExtensionSelector) =>
  "sipTag" in selector || "sipNumber" in selector || "sipKeyword" in selector;

/**
 * The seed's table and its SIP example disagree on ISVoiceRegNumber vs ISVoiceRegDNName; this
 * follows the example (number in ISVoiceRegNumber, keyword in ISVoiceRegDNName), which matches
 * the *Name-carries-keywords pattern of ISPoolName and ISSessionServerName.
 */
export function extensionSelectorXml(selector: ExtensionSelector, dialect: CmeDialect): XmlFragment {
  if ("extensionTag" in selector) return element("ISExtID", checkTag(selector.extensionTag, "extension tag"));
  if ("number" in selector) return element("ISExtNumber", checkDirectoryNumber(selector.number));
  if ("keyword" in selector) return keyword(selector.keyword, SCCP_EXTENSION_KEYWORDS, "ISExtNumber", dialect);
  if ("sipTag" in selector) return element("ISVoiceRegDNID", checkTag(selector.sipTag, "voice register dn tag"));
  if ("sipNumber" in selector) return element("ISVoiceRegNumber", checkDirectoryNumber(selector.sipNumber));
  // 2008: in ISgetExtension's ISVoiceRegDNName; newer form: in ISgetSipExtension's ISKeyword.
  return keyword(
    selector.sipKeyword,
    dialect === "2010" ? NEWER_SIP_KEYWORDS : SIP_KEYWORDS,
    "ISVoiceRegDNName",
    dialect,
  );
}

export function phoneEventSelectorXml(selector: PhoneEventSelector): XmlFragment {
  if ("eventId" in selector) return element("ISDevEvtID", checkEventId(selector.eventId));
  if ("ephoneTag" in selector) return element("ISDevID", checkTag(selector.ephoneTag, "ephone tag"));
  if ("name" in selector) return element("ISDevName", checkPhoneName(selector.name));
  return keyword(selector.keyword, EVENT_KEYWORDS, "ISDevName", "2008");
}

export function extensionEventSelectorXml(selector: ExtensionEventSelector): XmlFragment {
  if ("eventId" in selector) return element("ISExtEvtID", checkEventId(selector.eventId));
  if ("extensionTag" in selector) return element("ISExtID", checkTag(selector.extensionTag, "extension tag"));
  if ("number" in selector) return element("ISExtNumber", checkDirectoryNumber(selector.number));
  return keyword(selector.keyword, EVENT_KEYWORDS, "ISExtNumber", "2008");
}

export function sessionServerSelectorXml(selector: SessionServerSelector): XmlFragment {
  if ("id" in selector) return element("ISSessionServerID", checkTag(selector.id, "session server tag"));
  return keyword(selector.keyword, SIP_KEYWORDS, "ISSessionServerName", "2008");
}
