// ISsetKeyPhones / ISunsetKeyPhones: one true/false per phone, in request order, rather than
// an exception, so a helpdesk user sees which phones changed. The newer guide no longer lists
// these methods: a router that refuses them gets the same change as an ISexecCLI batch.
import { DeviceError, ProtocolError, element } from "@/lib/soap";
import type { CmeCaller } from "../caller";
import { RouterRefusal } from "../refusal";
import { runCli } from "./configuration";
import { askPhones } from "./phones";
import { batchOrOneByOne } from "../fallback";
import { mapKeyPhoneResults } from "../map-results";
import type { KeyPhoneResult } from "../types";
import { checkPhoneName } from "../validators";

type KeyPhoneMethod = "ISsetKeyPhones" | "ISunsetKeyPhones";

async function send(caller: CmeCaller, method: KeyPhoneMethod, names: readonly string[]): Promise<KeyPhoneResult[]> {
  const reply = await caller.call(
    method,
    names.map((name) => element("ISPhoneName", name)),
  );
  const results = mapKeyPhoneResults(reply.response, method === "ISsetKeyPhones" ? "ISsetResult" : "ISunsetResult");
  // A whole, well-formed reply with no answer at all is a refusal of the method, not a cut reply.
  if (results.length === 0 && Object.keys(reply.response).every((key) => key.startsWith("@_") || key === "#text")) {
    throw new RouterRefusal(method, null, "the router answered nothing");
  }
  if (results.length !== names.length) {
    // Fewer answers than phones: the reply was cut, and which phones the answers belong to is unknown.
    throw new ProtocolError("truncated", `${method} answered ${results.length} of ${names.length} phones`);
  }
  return names.map((phone, index) => ({ phone, ok: results[index] === true }));
}

async function change(
  caller: CmeCaller,
  method: KeyPhoneMethod,
  phoneNames: readonly string[],
): Promise<KeyPhoneResult[]> {
  const names = phoneNames.map(checkPhoneName);
  try {
    return await batchOrOneByOne(
      names,
      (all) => send(caller, method, all),
      (one) => send(caller, method, [one]),
    );
  } catch (error) {
    if (!refusesTheMethod(error)) throw error;
    return throughCli(caller, names, method === "ISsetKeyPhones", (error as { userMessage: string }).userMessage);
  }
}

/** ISError, a SOAP fault or an empty answer: the router did not act on the request at all. */
function refusesTheMethod(error: unknown): boolean {
  return error instanceof RouterRefusal || (error as { kind?: string } | null)?.kind === "fault";
}

/**
 * The same change as an ISexecCLI batch: `ephone N` then `keyphone` / `no keyphone` per phone
 * (names become ephone tags through ISgetDevice; a name the router does not know is not sent, as
 * `ephone N` would create a phone). Lines before a refused line ran, lines after it did not.
 */
async function throughCli(
  caller: CmeCaller,
  names: readonly string[],
  keyPhone: boolean,
  refusal: string,
): Promise<KeyPhoneResult[]> {
  const found = await askPhones(
    caller,
    names.map((name) => ({ name })),
  );
  const tags = new Map(
    found
      .filter((phone) => phone.protocol === "sccp" && phone.name && phone.ephoneTag !== null)
      .map((phone) => [phone.name!, phone.ephoneTag!]),
  );
  const sent = names.filter((name) => tags.has(name));
  const lines = sent.flatMap((name) => [`ephone ${tags.get(name)}`, keyPhone ? "keyphone" : "no keyphone"]);
  let applied = lines.length;
  let lineError: string | null = null;
  if (lines.length > 0) {
    try {
      await runCli(caller, lines);
    } catch (error) {
      if (!(error instanceof DeviceError) || error.failedLine === undefined) throw error;
      applied = error.failedLine - 1;
      lineError = `line ${error.failedLine} (${lines[error.failedLine - 1] ?? "?"}): ${error.deviceMessage}`;
    }
  }
  return names.map((phone) => {
    const index = sent.indexOf(phone);
    const ok = index >= 0 && 2 * index + 2 <= applied;
    return {
      phone,
      ok,
      throughCli: {
        refusal,
        lines: index >= 0 ? lines.slice(2 * index, 2 * index + 2) : [],
        lineError: ok ? null : lineError,
      },
    };
  });
}

/** ISsetKeyPhones: designate SCCP phones as key-system phones. */
export function setKeyPhones(caller: CmeCaller, phoneNames: readonly string[]): Promise<KeyPhoneResult[]> {
  return change(caller, "ISsetKeyPhones", phoneNames);
}

/** ISunsetKeyPhones: remove the key-phone designation. */
export function unsetKeyPhones(caller: CmeCaller, phoneNames: readonly string[]): Promise<KeyPhoneResult[]> {
  return change(caller, "ISunsetKeyPhones", phoneNames);
}
