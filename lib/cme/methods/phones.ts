// ISgetDevice: phones by ephone tag, name or keyword (SCCP) and by pool tag or keyword (SIP; the
// newer form asks those with ISgetSipDevice).
// A bulk keyword whose reply overflows is re-read as allTag (SIP: the newer form's allTag, else tags
// up to the router's maximum), then one phone per request.
import type { CmeCaller } from "../caller";
import { batchOrOneByOne, isCutReply, uniqueBy } from "../fallback";
import { mapPhones } from "../map-phone";
import { RouterRefusal } from "../refusal";
import { isSipPhoneSelector, phoneSelectorXml, type PhoneSelector, type SccpPhoneKeyword } from "../selectors";
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

async function askOne(caller: CmeCaller, method: "ISgetDevice" | "ISgetSipDevice", selectors: readonly PhoneSelector[]): Promise<Phone[]> {
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


async function fetchOneByOne(caller: CmeCaller, selectors: readonly PhoneSelector[]): Promise<Phone[]> {
  const phones: Phone[] = [];
  for (const selector of selectors) phones.push(...(await askPhones(caller, [selector])));
  return phones;
}

async function fetchOneSelector(caller: CmeCaller, selector: PhoneSelector): Promise<Phone[]> {
  try {
    return await askPhones(caller, [selector]);
  } catch (error) {
    if (!isCutReply(error)) throw error;
    if ("sipKeyword" in selector && selector.sipKeyword === "all") {
      const pools = await sipPoolTags(caller);
      return fetchOneByOne(caller, pools.map((poolId) => ({ poolId })));
    }
    if (!("keyword" in selector) || selector.keyword === "allTag") throw error;
    const tags = (await askPhones(caller, [{ keyword: "allTag" }]))
      .map((phone) => phone.ephoneTag)
      .filter((tag): tag is number => tag !== null);
    const phones = await fetchOneByOne(caller, tags.map((ephoneTag) => ({ ephoneTag })));
    return phones.filter(KEYWORD_FILTERS[selector.keyword]);
  }
}

/**
 * Every SIP pool tag: the newer form's allTag; the seed has none, so every tag up to the router's
 * maximum (also when the newer allTag answer cannot be read).
 */
export async function sipPoolTags(caller: CmeCaller): Promise<number[]> {
  if ((await caller.dialect()) === "2010") {
    try {
      const tags = (await askOne(caller, "ISgetSipDevice", [{ sipKeyword: "allTag" }])).map((phone) => phone.poolId);
      if (tags.every((tag) => tag !== null)) return tags as number[];
    } catch (error) {
      if (!isCutReply(error) && !(error instanceof RouterRefusal)) throw error;
    }
  }
  return sipTagsUpToMaximum(caller, "pools");
}

/** ISgetDevice. Each phone appears once even when several selectors match it. */
export async function getPhones(caller: CmeCaller, selectors: readonly PhoneSelector[]): Promise<Phone[]> {
  const phones = await batchOrOneByOne(
    selectors,
    (all) => askPhones(caller, all),
    (one) => fetchOneSelector(caller, one),
  );
  return uniqueBy(phones, phoneKey);
}
