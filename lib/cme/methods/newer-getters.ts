// The getters only the newer guide documents: voice hunt groups, device and extension templates,
// user profiles (by tag or ISKeyword all/allTag/available) and the utility directory.
import { UnsafeInputError, element, type XmlFragment } from "@/lib/soap";
import type { CmeCaller } from "../caller";
import {
  mapDeviceTemplates,
  mapExtensionTemplates,
  mapHuntGroups,
  mapUserProfiles,
  mapUtilityDirectory,
} from "../map-newer";
import type { ConfigTemplate, HuntGroup, UserProfile } from "../types";
import { checkTag, checkUserId } from "../validators";

/** By tag, or a keyword of the newer form. */
export type NewerSelector = { id: number } | { keyword: "all" | "allTag" | "available" };

function selectorXml(selector: NewerSelector, idElement: string): XmlFragment {
  if ("id" in selector) return element(idElement, checkTag(selector.id, "tag"));
  if (!["all", "allTag", "available"].includes(selector.keyword))
    throw new UnsafeInputError("keyword", "The selector is not one the router understands.");
  return element("ISKeyword", selector.keyword);
}

export async function getHuntGroups(caller: CmeCaller, selector: NewerSelector): Promise<HuntGroup[]> {
  return mapHuntGroups(
    (await caller.call("ISgetVoiceHuntGroup", selectorXml(selector, "ISVoiceHuntGroupID"))).response,
  );
}

export async function getDeviceTemplates(caller: CmeCaller, selector: NewerSelector): Promise<ConfigTemplate[]> {
  return mapDeviceTemplates(
    (await caller.call("ISgetDeviceTemplate", selectorXml(selector, "ISDevTemplateID"))).response,
  );
}

export async function getExtensionTemplates(caller: CmeCaller, selector: NewerSelector): Promise<ConfigTemplate[]> {
  return mapExtensionTemplates(
    (await caller.call("ISgetExtensionTemplate", selectorXml(selector, "ISExtTemplateID"))).response,
  );
}

/** By profile tag, keyword, or the user the profile belongs to (ISuserID). */
export async function getUserProfiles(
  caller: CmeCaller,
  selector: NewerSelector | { userId: string },
): Promise<UserProfile[]> {
  const xml =
    "userId" in selector ? element("ISuserID", checkUserId(selector.userId)) : selectorXml(selector, "ISUserProfileID");
  return mapUserProfiles((await caller.call("ISgetUserProfile", xml)).response);
}

export async function getUtilityDirectory(caller: CmeCaller): Promise<Record<string, string>> {
  return mapUtilityDirectory((await caller.call("ISgetUtilityDirectory")).response);
}
