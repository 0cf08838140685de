// ISgetExtension: extensions by ephone-dn tag, number or keyword (SCCP) and by voice register dn
// tag, number or keyword (SIP). A bulk keyword that overflows is re-read as allTag (SIP: tags up to
// the router's maximum), then one extension per request.
import type { CmeCaller } from "../caller";
import { askWithCutReplyFallback } from "../fallback";
import { mapExtensions } from "../map-extension";
import {
  extensionSelectorXml,
  isSipExtensionSelector,
  type ExtensionSelector,
  type SccpExtensionKeyword,
} from "../selectors";
import type { Extension } from "../types";
import { sipTags } from "./sip-tags";

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

async function askOne(
  caller: CmeCaller,
  method: "ISgetExtension" | "ISgetSipExtension",
  selectors: readonly ExtensionSelector[],
): Promise<Extension[]> {
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

/** Every voice register dn tag: the newer form's allTag, else every tag up to the router's maximum. */
export async function sipExtensionTags(caller: CmeCaller): Promise<number[]> {
  return sipTags(caller, "extensions", async () =>
    (await askOne(caller, "ISgetSipExtension", [{ sipKeyword: "allTag" }])).map((extension) => extension.tag),
  );
}

/** ISgetExtension. Each extension appears once even when several selectors match it. */
export function getExtensions(caller: CmeCaller, selectors: readonly ExtensionSelector[]): Promise<Extension[]> {
  return askWithCutReplyFallback<ExtensionSelector, Extension>(selectors, {
    ask: (some) => askExtensions(caller, some),
    isSipAll: (selector) => "sipKeyword" in selector && selector.sipKeyword === "all",
    sipTagSelectors: async () => (await sipExtensionTags(caller)).map((sipTag) => ({ sipTag })),
    keywordFilter: (selector) =>
      "keyword" in selector && selector.keyword !== "allTag" ? KEYWORD_FILTERS[selector.keyword] : null,
    allTag: { keyword: "allTag" },
    selectorOfTag: (extension) => (extension.tag === null ? null : { extensionTag: extension.tag }),
    key: extensionKey,
  });
}
