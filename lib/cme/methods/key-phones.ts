// ISsetKeyPhones / ISunsetKeyPhones: one true/false per phone, in request order, rather than
// an exception, so a helpdesk user sees which phones changed.
import { ProtocolError, element } from "@/lib/soap";
import type { CmeCaller } from "../caller";
import { batchOrOneByOne } from "../fallback";
import { mapKeyPhoneResults } from "../map-results";
import type { KeyPhoneResult } from "../types";
import { checkPhoneName } from "../validators";

type KeyPhoneMethod = "ISsetKeyPhones" | "ISunsetKeyPhones";

async function send(caller: CmeCaller, method: KeyPhoneMethod, names: readonly string[]): Promise<KeyPhoneResult[]> {
  const reply = await caller.call(method, names.map((name) => element("ISPhoneName", name)));
  const results = mapKeyPhoneResults(reply.response, method === "ISsetKeyPhones" ? "ISsetResult" : "ISunsetResult");
  if (results.length !== names.length) {
    // Fewer answers than phones: the reply was cut, and which phones the answers belong to is unknown.
    throw new ProtocolError("truncated", `${method} answered ${results.length} of ${names.length} phones`);
  }
  return names.map((phone, index) => ({ phone, ok: results[index] === true }));
}

async function change(caller: CmeCaller, method: KeyPhoneMethod, phoneNames: readonly string[]): Promise<KeyPhoneResult[]> {
  const names = phoneNames.map(checkPhoneName);
  return batchOrOneByOne(
    names,
    (all) => send(caller, method, all),
    (one) => send(caller, method, [one]),
  );
}

/** ISsetKeyPhones: designate SCCP phones as key-system phones. */
export function setKeyPhones(caller: CmeCaller, phoneNames: readonly string[]): Promise<KeyPhoneResult[]> {
  return change(caller, "ISsetKeyPhones", phoneNames);
}

/** ISunsetKeyPhones: remove the key-phone designation. */
export function unsetKeyPhones(caller: CmeCaller, phoneNames: readonly string[]): Promise<KeyPhoneResult[]> {
  return change(caller, "ISunsetKeyPhones", phoneNames);
}
