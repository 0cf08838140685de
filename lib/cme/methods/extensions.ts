// ISgetExtension: extensions by ephone-dn tag, number or keyword (SCCP) and by voice register dn
// tag, number or keyword (SIP). A bulk keyword that overflows is re-read as allTag (SIP: tags up to
// the router's maximum), then one extension per request.
import type { CmeCaller } from "../caller";
import { batchOrOneByOne, isCutReply, uniqueBy } from "../fallback";
import { mapExtensions } from "../map-extension";
import { RouterRefusal } from "../refusal";
import { extensionSelectorXml, isSipExtensionSelector, type ExtensionSelector, type SccpExtensionKeyword } from "../selectors";
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

/** One request per getter; the newer form asks SIP numbers only with ISgetSipExtension. */
export async function askExtensions(caller: CmeCaller, selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  const sip = selectors.filter(isSipExtensionSelector);
  const dialect = sip.length > 0 ? await caller.dialect() : undefined;
  if (dialect !== "2010") return askOne(caller, "ISgetExtension", selectors);
  const sccp = selectors.filter((selector) => !isSipExtensionSelector(selector));
  const extensions = sccp.length > 0 ? await askOne(caller, "ISgetExtension", sccp) : [];
  return [...extensions, ...(await askOne(caller, "ISgetSipExtension", sip))];
}

async function askOne(caller: CmeCaller, method: "ISgetExtension" | "ISgetSipExtension", selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  // Only keywords are spelled per dialect; without one there is nothing to probe for.
  const spelledPerDialect = selectors.some((selector) => "keyword" in selector || "sipKeyword" in selector);
  const reply = await caller.call(
    method,
    method === "ISgetSipExtension"
      ? selectors.map((selector) => extensionSelectorXml(selector, "2010"))
      : spelledPerDialect
        ? (dialect) => selectors.map((selector) => extensionSelectorXml(selector, dialect))
        : selectors.map((selector) => extensionSelectorXml(selector, "2008")),
  );
  return mapExtensions(reply.response);
}


async function fetchOneByOne(caller: CmeCaller, selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  const extensions: Extension[] = [];
  for (const selector of selectors) extensions.push(...(await askExtensions(caller, [selector])));
  return extensions;
}

async function fetchOneSelector(caller: CmeCaller, selector: ExtensionSelector): Promise<Extension[]> {
  try {
    return await askExtensions(caller, [selector]);
  } catch (error) {
    if (!isCutReply(error)) throw error;
    if ("sipKeyword" in selector && selector.sipKeyword === "all") {
      const dns = await sipExtensionTags(caller);
      return fetchOneByOne(caller, dns.map((sipTag) => ({ sipTag })));
    }
    if (!("keyword" in selector) || selector.keyword === "allTag") throw error;
    const tags = (await askExtensions(caller, [{ keyword: "allTag" }]))
      .map((extension) => extension.tag)
      .filter((tag): tag is number => tag !== null);
    const extensions = await fetchOneByOne(caller, tags.map((extensionTag) => ({ extensionTag })));
    return extensions.filter(KEYWORD_FILTERS[selector.keyword]);
  }
}

/** Every voice register dn tag: the newer form's allTag, else every tag up to the router's maximum. */
export async function sipExtensionTags(caller: CmeCaller): Promise<number[]> {
  if ((await caller.dialect()) === "2010") {
    try {
      const tags = (await askOne(caller, "ISgetSipExtension", [{ sipKeyword: "allTag" }])).map((extension) => extension.tag);
      if (tags.every((tag) => tag !== null)) return tags as number[];
    } catch (error) {
      if (!isCutReply(error) && !(error instanceof RouterRefusal)) throw error;
    }
  }
  return sipTagsUpToMaximum(caller, "extensions");
}

/** ISgetExtension. Each extension appears once even when several selectors match it. */
export async function getExtensions(caller: CmeCaller, selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  const extensions = await batchOrOneByOne(
    selectors,
    (all) => askExtensions(caller, all),
    (one) => fetchOneSelector(caller, one),
  );
  return uniqueBy(extensions, extensionKey);
}
