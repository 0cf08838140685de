// SIP has no allTag keyword, so when a SIP "all" reply overflows the only way to list every pool
// or voice register dn is to ask tag by tag, up to the maximum the router is configured for.
import type { CmeCaller } from "../caller";
import { mapSipSystemStatus } from "../map-system";

/** Enough for any CME; bounds the fallback if a router reports something absurd. */
const MAX_SIP_TAGS = 1000;

export async function sipTagsUpToMaximum(caller: CmeCaller, kind: "pools" | "extensions"): Promise<number[]> {
  const status = mapSipSystemStatus((await caller.call("ISgetVoiceRegGlobal")).response);
  const maximum = Math.min((kind === "pools" ? status.maxPools : status.maxExtensions) ?? 0, MAX_SIP_TAGS);
  return Array.from({ length: Math.max(0, maximum) }, (_, index) => index + 1);
}
