// SIP has no allTag keyword in the seed form, so when a SIP "all" reply overflows the only way to
// list every pool or voice register dn is to ask tag by tag, up to the maximum the router is
// configured for. The newer form has a SIP allTag: it is asked first there.
import type { CmeCaller } from "../caller";
import { isCutReply } from "../fallback";
import { mapSipSystemStatus } from "../map-system";
import { RouterRefusal } from "../refusal";

/** Enough for any CME; bounds the fallback if a router reports something absurd. */
const MAX_SIP_TAGS = 1000;

export async function sipTagsUpToMaximum(caller: CmeCaller, kind: "pools" | "extensions"): Promise<number[]> {
  const status = mapSipSystemStatus((await caller.call("ISgetVoiceRegGlobal")).response);
  const maximum = Math.min((kind === "pools" ? status.maxPools : status.maxExtensions) ?? 0, MAX_SIP_TAGS);
  return Array.from({ length: Math.max(0, maximum) }, (_, index) => index + 1);
}

/**
 * Every SIP tag of the kind: the newer form's allTag answer (`newerAllTag`) when it lists a tag
 * for each; else, and when that answer is cut or refused, every tag up to the router's maximum.
 */
export async function sipTags(
  caller: CmeCaller,
  kind: "pools" | "extensions",
  newerAllTag: () => Promise<(number | null)[]>,
): Promise<number[]> {
  if ((await caller.dialect()) === "2010") {
    try {
      const tags = await newerAllTag();
      if (tags.every((tag) => tag !== null)) return tags as number[];
    } catch (error) {
      if (!isCutReply(error) && !(error instanceof RouterRefusal)) throw error;
    }
  }
  return sipTagsUpToMaximum(caller, kind);
}
