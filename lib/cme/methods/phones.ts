// ISgetDevice: phones by ephone tag, name or keyword (SCCP) and by pool tag or keyword (SIP).
// A bulk keyword whose reply overflows is re-read as allTag (SIP: tags up to the router's maximum),
// then one phone per request.
import type { CmeCaller } from "../caller";
import { batchOrOneByOne, isCutReply, uniqueBy } from "../fallback";
import { mapPhones } from "../map-phone";
import { phoneSelectorXml, type PhoneSelector, type SccpPhoneKeyword } from "../selectors";
import type { Phone } from "../types";
import { sipTagsUpToMaximum } from "./sip-tags";

const KEYWORD_FILTERS: Record<Exclude<SccpPhoneKeyword, "allTag">, (phone: Phone) => boolean> = {
  all: () => true,
  allRegistered: (phone) => phone.registrationStatus === "registered",
  allUnregistered: (phone) => phone.registrationStatus !== "registered",
  allKeyphone: (phone) => phone.keyPhone === true,
};

export function phoneKey(phone: Phone): string {
  return `${phone.protocol}:${phone.ephoneTag ?? phone.poolId ?? phone.name ?? ""}`;
}

async function fetchPhones(caller: CmeCaller, selectors: readonly PhoneSelector[]): Promise<Phone[]> {
  // Only SCCP keywords are spelled per dialect; without one there is nothing to probe for.
  const spelledPerDialect = selectors.some((selector) => "keyword" in selector);
  const reply = await caller.call(
    "ISgetDevice",
    spelledPerDialect
      ? (dialect) => selectors.map((selector) => phoneSelectorXml(selector, dialect))
      : selectors.map((selector) => phoneSelectorXml(selector, "2008")),
  );
  return mapPhones(reply.response);
}

async function fetchOneByOne(caller: CmeCaller, selectors: readonly PhoneSelector[]): Promise<Phone[]> {
  const phones: Phone[] = [];
  for (const selector of selectors) phones.push(...(await fetchPhones(caller, [selector])));
  return phones;
}

async function fetchOneSelector(caller: CmeCaller, selector: PhoneSelector): Promise<Phone[]> {
  try {
    return await fetchPhones(caller, [selector]);
  } catch (error) {
    if (!isCutReply(error)) throw error;
    if ("sipKeyword" in selector && selector.sipKeyword === "all") {
      const pools = await sipTagsUpToMaximum(caller, "pools");
      return fetchOneByOne(caller, pools.map((poolId) => ({ poolId })));
    }
    if (!("keyword" in selector) || selector.keyword === "allTag") throw error;
    const tags = (await fetchPhones(caller, [{ keyword: "allTag" }]))
      .map((phone) => phone.ephoneTag)
      .filter((tag): tag is number => tag !== null);
    const phones = await fetchOneByOne(caller, tags.map((ephoneTag) => ({ ephoneTag })));
    return phones.filter(KEYWORD_FILTERS[selector.keyword]);
  }
}

/** ISgetDevice. Each phone appears once even when several selectors match it. */
export async function getPhones(caller: CmeCaller, selectors: readonly PhoneSelector[]): Promise<Phone[]> {
  const phones = await batchOrOneByOne(
    selectors,
    (all) => fetchPhones(caller, all),
    (one) => fetchOneSelector(caller, one),
  );
  return uniqueBy(phones, phoneKey);
}
