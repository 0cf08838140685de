// ISgetDevice: phones by ephone tag, name or keyword (SCCP) and by pool tag or keyword (SIP; the
// newer form asks those with ISgetSipDevice).
// A bulk keyword whose reply overflows is re-read as allTag (SIP: the newer form's allTag, else tags
// up to the router's maximum), then one phone per request.
import type { CmeCaller } from "../caller";
import { askWithCutReplyFallback } from "../fallback";
import { mapPhones } from "../map-phone";
import { isSipPhoneSelector, phoneSelectorXml, type PhoneSelector, type SccpPhoneKeyword } from "../selectors";
import type { Phone } from "../types";
import { sipTags } from "./sip-tags";

const KEYWORD_FILTERS: Record<Exclude<SccpPhoneKeyword, "allTag">, (phone: Phone) => boolean> = {
  all: () => true,
  allRegistered: (phone) => phone.registrationStatus === "registered",
  allUnregistered: (phone) => phone.registrationStatus !== "registered",
  allKeyphone: (phone) => phone.keyPhone === true,
};

export function phoneKey(phone: Phone): string {
  return `${phone.protocol}:${phone.ephoneTag ?? phone.poolId ?? phone.name ?? ""}`;
}

/**
 * One request per getter. The seed asks SIP pools inside ISgetDevice; the newer form lists SIP
 * phones only under ISgetSipDevice, so SIP selectors never go into its ISgetDevice.
 */
export async function askPhones(caller: CmeCaller, selectors: readonly PhoneSelector[]): Promise<Phone[]> {
  const sip = selectors.filter(isSipPhoneSelector);
  const dialect = sip.length > 0 ? await caller.dialect() : undefined;
  if (dialect !== "2010") return askOne(caller, "ISgetDevice", selectors);
  const sccp = selectors.filter((selector) => !isSipPhoneSelector(selector));
  const phones = sccp.length > 0 ? await askOne(caller, "ISgetDevice", sccp) : [];
  return [...phones, ...(await askOne(caller, "ISgetSipDevice", sip))];
}

async function askOne(
  caller: CmeCaller,
  method: "ISgetDevice" | "ISgetSipDevice",
  selectors: readonly PhoneSelector[],
): Promise<Phone[]> {
  // Only keywords are spelled per dialect; without one there is nothing to probe for.
  const spelledPerDialect = selectors.some((selector) => "keyword" in selector || "sipKeyword" in selector);
  const reply = await caller.call(
    method,
    method === "ISgetSipDevice"
      ? selectors.map((selector) => phoneSelectorXml(selector, "2010"))
      : spelledPerDialect
        ? (dialect) => selectors.map((selector) => phoneSelectorXml(selector, dialect))
        : selectors.map((selector) => phoneSelectorXml(selector, "2008")),
  );
  return mapPhones(reply.response);
}

/**
 * Every SIP pool tag: the newer form's allTag; the seed has none, so every tag up to the router's
 * maximum (also when the newer allTag answer cannot be read).
 */
export async function sipPoolTags(caller: CmeCaller): Promise<number[]> {
  return sipTags(caller, "pools", async () =>
    (await askOne(caller, "ISgetSipDevice", [{ sipKeyword: "allTag" }])).map((phone) => phone.poolId),
  );
}

/** ISgetDevice. Each phone appears once even when several selectors match it. */
export function getPhones(caller: CmeCaller, selectors: readonly PhoneSelector[]): Promise<Phone[]> {
  return askWithCutReplyFallback<PhoneSelector, Phone>(selectors, {
    ask: (some) => askPhones(caller, some),
    isSipAll: (selector) => "sipKeyword" in selector && selector.sipKeyword === "all",
    sipTagSelectors: async () => (await sipPoolTags(caller)).map((poolId) => ({ poolId })),
    keywordFilter: (selector) =>
      "keyword" in selector && selector.keyword !== "allTag" ? KEYWORD_FILTERS[selector.keyword] : null,
    allTag: { keyword: "allTag" },
    selectorOfTag: (phone) => (phone.ephoneTag === null ? null : { ephoneTag: phone.ephoneTag }),
    key: phoneKey,
  });
}
