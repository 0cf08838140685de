// ISgetExtension: extensions by ephone-dn tag, number or keyword (SCCP) and by voice register dn
// tag, number or keyword (SIP). A bulk keyword that overflows is re-read as allTag (SIP: tags up to
// the router's maximum), then one extension per request.
import type { CmeCaller } from "../caller";
import { batchOrOneByOne, isCutReply, uniqueBy } from "../fallback";
import { mapExtensions } from "../map-extension";
import { extensionSelectorXml, type ExtensionSelector, type SccpExtensionKeyword } from "../selectors";
import type { Extension } from "../types";
import { sipTagsUpToMaximum } from "./sip-tags";

const KEYWORD_FILTERS: Record<Exclude<SccpExtensionKeyword, "allTag">, (extension: Extension) => boolean> = {
  all: () => true,
  allUp: (extension) => extension.status === "up",
  allDown: (extension) => extension.status !== "up",
};

export function extensionKey(extension: Extension): string {
  return `${extension.protocol}:${extension.tag ?? extension.number ?? ""}`;
}

async function fetchExtensions(caller: CmeCaller, selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  // Only SCCP keywords are spelled per dialect; without one there is nothing to probe for.
  const spelledPerDialect = selectors.some((selector) => "keyword" in selector);
  const reply = await caller.call(
    "ISgetExtension",
    spelledPerDialect
      ? (dialect) => selectors.map((selector) => extensionSelectorXml(selector, dialect))
      : selectors.map((selector) => extensionSelectorXml(selector, "2008")),
  );
  return mapExtensions(reply.response);
}

async function fetchOneByOne(caller: CmeCaller, selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  const extensions: Extension[] = [];
  for (const selector of selectors) extensions.push(...(await fetchExtensions(caller, [selector])));
  return extensions;
}

async function fetchOneSelector(caller: CmeCaller, selector: ExtensionSelector): Promise<Extension[]> {
  try {
    return await fetchExtensions(caller, [selector]);
  } catch (error) {
    if (!isCutReply(error)) throw error;
    if ("sipKeyword" in selector && selector.sipKeyword === "all") {
      const dns = await sipTagsUpToMaximum(caller, "extensions");
      return fetchOneByOne(caller, dns.map((sipTag) => ({ sipTag })));
    }
    if (!("keyword" in selector) || selector.keyword === "allTag") throw error;
    const tags = (await fetchExtensions(caller, [{ keyword: "allTag" }]))
      .map((extension) => extension.tag)
      .filter((tag): tag is number => tag !== null);
    const extensions = await fetchOneByOne(caller, tags.map((extensionTag) => ({ extensionTag })));
    return extensions.filter(KEYWORD_FILTERS[selector.keyword]);
  }
}

/** ISgetExtension. Each extension appears once even when several selectors match it. */
export async function getExtensions(caller: CmeCaller, selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  const extensions = await batchOrOneByOne(
    selectors,
    (all) => fetchExtensions(caller, all),
    (one) => fetchOneSelector(caller, one),
  );
  return uniqueBy(extensions, extensionKey);
}
