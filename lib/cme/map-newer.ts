// The getters only the newer guide documents (2010 SRST 8.5+, 2022 CME): voice hunt groups, device
// and extension templates, user profiles and the utility directory. Their configuration elements
// are not named by any source, so templates, profiles and the directory keep them as text under
// their own names; anything that looks like a secret is never read.
import { fields, isXmlObject, type XmlObject } from "@/lib/soap";
import { integer, text, textOf } from "./convert";
import { entities, payload } from "./envelope";
import type { ConfigTemplate, HuntGroup, UserProfile } from "./types";

const SECRET = /password|passwd|secret|(^|[-_])pin($|[-_])/i;

/** Every text leaf of a node except the named ones and anything secret-looking, as strings. */
function settings(node: XmlObject, except: readonly string[]): Record<string, string> {
  const skip = new Set(except.map((name) => name.toLowerCase()));
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(node)) {
    if (name.startsWith("@_") || name === "#text" || skip.has(name.toLowerCase()) || SECRET.test(name)) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") found[name] = first.trim();
  }
  return found;
}

/** Hunt-group fields are named ISVoiceHuntGroup + the documented name (ISVoiceHuntGroupPilotNumber). */
const hunt = (node: XmlObject, name: string) => textOf(node, `ISVoiceHuntGroup${name}`, name);
const huntInteger = (node: XmlObject, name: string) => integer(node, `ISVoiceHuntGroup${name}`, name);

export function mapHuntGroups(response: XmlObject): HuntGroup[] {
  return entities(response, ["ISVoiceHuntGroup"], ["ISVoiceHuntGroups"]).map((group) => {
    const lists = [...fields(group, "ISVoiceHuntGroupListNums"), ...fields(group, "ListNums")].filter(isXmlObject);
    const numbers = lists
      .flatMap((list) => [...fields(list, "ISVoiceHuntGroupListNum"), ...fields(list, "ListNum")])
      .map((value) => (typeof value === "string" ? value.trim() : ""))
      .filter(Boolean);
    return {
      id: huntInteger(group, "ID"),
      type: hunt(group, "Type"),
      pilotNumber: hunt(group, "PilotNumber"),
      pilotPeerTag: huntInteger(group, "PilotPeerTag"),
      pilotPreference: huntInteger(group, "PilotPreference"),
      secondaryPilotNumber: hunt(group, "SecPilotNumber"),
      secondaryPilotPeerTag: huntInteger(group, "SecPilotPeerTag"),
      secondaryPilotPreference: huntInteger(group, "SecPilotPreference"),
      listSize: huntInteger(group, "ListSize"),
      numbers,
      finalNumber: hunt(group, "FinalNum"),
      timeout: hunt(group, "Timeout"),
      hops: huntInteger(group, "Hops"),
    };
  });
}

export function mapDeviceTemplates(response: XmlObject): ConfigTemplate[] {
  return entities(response, ["ISDeviceTemplate"], ["ISDeviceTemplates"]).map((node) => ({
    id: integer(node, "ISDevTemplateID"),
    settings: settings(node, ["ISDevTemplateID"]),
  }));
}

export function mapExtensionTemplates(response: XmlObject): ConfigTemplate[] {
  return entities(response, ["ISExtensionTemplate"], ["ISExtensionTemplates"]).map((node) => ({
    id: integer(node, "ISExtTemplateID"),
    settings: settings(node, ["ISExtTemplateID"]),
  }));
}

export function mapUserProfiles(response: XmlObject): UserProfile[] {
  return entities(response, ["ISUserProfile"], ["ISUserProfiles"]).map((node) => ({
    id: integer(node, "ISUserProfileID"),
    userId: text(node, "ISuserID"),
    settings: settings(node, ["ISUserProfileID", "ISuserID"]),
  }));
}

export function mapUtilityDirectory(response: XmlObject): Record<string, string> {
  return settings(payload(response, ["ISUtilityDirectory"]), []);
}
