// Reading a router's whole phone or extension list for a poll, and saying whether the read was
// complete. Only a complete read, in reply shapes the client knows, may mark anything as removed;
// every doubt is said in plain words instead. Cisco warns that `all` overflows on large routers: a
// cut `all` (or an ISError for it) is re-read as allTag, then one entity per request.
import { ProtocolError, isSoapError } from "@/lib/soap";
import type { CmeCaller } from "./caller";
import { isCutReply } from "./fallback";
import { askExtensions, sipExtensionTags } from "./methods/extensions";
import { askPhones, sipPoolTags } from "./methods/phones";
import { RouterRefusal } from "./refusal";
import type { Extension, Phone } from "./types";
import { isPhoneName } from "./validators";

export interface FullRead<T> {
  items: T[];
  /** Every entity the router holds was read, in shapes the client knows. */
  complete: boolean;
  /** Why not, in plain words (empty when complete). */
  doubts: string[];
  /** The error of the SCCP `all` request when its fallback could not even list the tags. */
  cause: unknown;
  /** The doubts about the SIP side alone (also in `doubts`): a router with no SIP side may refuse it. */
  sipDoubts: string[];
}

interface Outcome {
  doubts: string[];
  cause: unknown;
  /** Some request of this read listed entities in a shape the client knows. */
  answered: boolean;
}

interface Steps<T> {
  /** What is being read, in the helpdesk's words ("SCCP phones"). */
  what: string;
  all(): Promise<T[]>;
  tags(): Promise<number[]>;
  one(tag: number): Promise<T[]>;
}

/** A reply that says "ask again in smaller pieces": cut, unreadable, or refused with ISError. */
const worthSplitting = (error: unknown) => isCutReply(error) || error instanceof RouterRefusal;

/** What happened to the `all` request, in words: cut (Cisco's large-router case) or refused with ISError. */
function whyNotWhole(error: unknown): string {
  if (isCutReply(error)) return "came back cut";
  return `was refused (${isSoapError(error) ? error.userMessage.replace(/\.$/, "") : "no reason given"})`;
}

function why(error: unknown): string {
  if (isCutReply(error)) return "came back cut or in a shape Linewatch does not know";
  if (error instanceof RouterRefusal) return whyNotWhole(error);
  if (isSoapError(error)) return `failed (${error.userMessage})`;
  return "failed";
}

/**
 * `all`; when cut, the tags then each tag. Anything that stops the fallback is a doubt, not an
 * error, unless no request of the whole read was answered: then the router failed to list anything.
 */
async function readEvery<T>(steps: Steps<T>, outcome: Outcome): Promise<T[]> {
  const { doubts } = outcome;
  let cut: unknown;
  try {
    const items = await steps.all();
    outcome.answered = true;
    return items;
  } catch (error) {
    if (!worthSplitting(error)) throw error;
    cut = error;
  }
  let tags: number[];
  try {
    // A tag list alone (or the SIP maximum it may come from) lists no phone: not yet an answer.
    tags = await steps.tags();
  } catch (error) {
    if (!isSoapError(error)) throw error;
    outcome.cause ??= cut;
    doubts.push(
      `The router's list of ${steps.what} ${whyNotWhole(cut)}, and its list of tags ${why(error)}, so the list is incomplete.`,
    );
    return [];
  }
  const items: T[] = [];
  let unread = 0;
  for (const tag of tags) {
    try {
      items.push(...(await steps.one(tag)));
      outcome.answered = true;
    } catch (error) {
      if (!isSoapError(error)) throw error;
      unread++;
    }
  }
  if (unread > 0)
    doubts.push(
      `The router's list of ${steps.what} ${whyNotWhole(cut)}, and ${unread} of ${tags.length} could not be read one by one.`,
    );
  return items;
}

function tagsOf<T>(items: T[], tag: (item: T) => number | null, what: string): number[] {
  const tags = items.map(tag);
  if (tags.some((value) => value === null))
    throw new ProtocolError("unexpected-shape", `the ${what} tag list has entries without a tag`);
  return tags as number[];
}

/**
 * Every SCCP and SIP phone. A failure of the SCCP `all` request itself (timeout, refused login) is
 * thrown: the poll failed. The SIP side failing is a doubt: the SCCP phones read are still good.
 */
export async function readEveryPhone(caller: CmeCaller): Promise<FullRead<Phone>> {
  const outcome: Outcome = { doubts: [], cause: null, answered: false };
  const sipOutcome: Outcome = { doubts: [], cause: null, answered: false };
  const { doubts } = outcome;
  const sccp = await readEvery<Phone>(
    {
      what: "SCCP phones",
      all: () => askPhones(caller, [{ keyword: "all" }]),
      tags: async () => tagsOf(await askPhones(caller, [{ keyword: "allTag" }]), (phone) => phone.ephoneTag, "ephone"),
      one: (ephoneTag) => askPhones(caller, [{ ephoneTag }]),
    },
    outcome,
  );
  let sip: Phone[] = [];
  try {
    sip = await readEvery<Phone>(
      {
        what: "SIP phones",
        all: () => askPhones(caller, [{ sipKeyword: "all" }]),
        tags: () => sipPoolTags(caller),
        one: (poolId) => askPhones(caller, [{ poolId }]),
      },
      sipOutcome,
    );
  } catch (error) {
    if (!isSoapError(error)) throw error;
    sipOutcome.doubts.push(`The router's SIP phones could not be read: ${error.userMessage}`);
  }
  // Not one request answered usefully: the router failed to list anything, and that is the error.
  if (outcome.cause !== null && !outcome.answered && !sipOutcome.answered) throw outcome.cause;
  doubts.push(...sipOutcome.doubts);
  return {
    items: [...sccp, ...sip],
    complete: doubts.length === 0,
    doubts,
    cause: outcome.cause,
    sipDoubts: sipOutcome.doubts,
  };
}

/** Every SCCP and SIP extension, the same way. */
export async function readEveryExtension(caller: CmeCaller): Promise<FullRead<Extension>> {
  const outcome: Outcome = { doubts: [], cause: null, answered: false };
  const sipOutcome: Outcome = { doubts: [], cause: null, answered: false };
  const { doubts } = outcome;
  const sccp = await readEvery<Extension>(
    {
      what: "SCCP extensions",
      all: () => askExtensions(caller, [{ keyword: "all" }]),
      tags: async () =>
        tagsOf(await askExtensions(caller, [{ keyword: "allTag" }]), (extension) => extension.tag, "ephone-dn"),
      one: (extensionTag) => askExtensions(caller, [{ extensionTag }]),
    },
    outcome,
  );
  let sip: Extension[] = [];
  try {
    sip = await readEvery<Extension>(
      {
        what: "SIP extensions",
        all: () => askExtensions(caller, [{ sipKeyword: "all" }]),
        tags: () => sipExtensionTags(caller),
        one: (sipTag) => askExtensions(caller, [{ sipTag }]),
      },
      sipOutcome,
    );
  } catch (error) {
    if (!isSoapError(error)) throw error;
    sipOutcome.doubts.push(`The router's SIP extensions could not be read: ${error.userMessage}`);
  }
  doubts.push(...sipOutcome.doubts);
  // Not one request answered usefully: the router failed to list anything, and that is the error.
  if (outcome.cause !== null && !outcome.answered && !sipOutcome.answered) throw outcome.cause;
  return {
    items: [...sccp, ...sip],
    complete: doubts.length === 0,
    doubts,
    cause: outcome.cause,
    sipDoubts: sipOutcome.doubts,
  };
}

/**
 * Whether a phone that vanished from a complete list is really gone, asked one by one: SCCP by
 * ISDevName, SIP by its pool tag (and the same MAC). "unsure" when the answer says nothing clear.
 */
export async function confirmGone(
  caller: CmeCaller,
  phone: { name: string; protocol: "sccp" | "sip"; tag: number | null },
): Promise<"gone" | "present" | "unsure"> {
  try {
    if (phone.protocol === "sccp") {
      // By name, as the issue asks (ISgetDevice ISDevName); phones without a SEP name by their tag.
      if (isPhoneName(phone.name))
        return (await askPhones(caller, [{ name: phone.name }])).length > 0 ? "present" : "gone";
      if (phone.tag === null) return "unsure";
      return (await askPhones(caller, [{ ephoneTag: phone.tag }])).length > 0 ? "present" : "gone";
    }
    if (phone.tag === null) return "unsure";
    // A pool tag may carry another phone now: only the same name counts as still there.
    const found = await askPhones(caller, [{ poolId: phone.tag }]);
    return found.some((candidate) => (candidate.name ?? `pool-${candidate.poolId}`) === phone.name)
      ? "present"
      : "gone";
  } catch (error) {
    if (!isSoapError(error)) throw error;
    return "unsure";
  }
}
