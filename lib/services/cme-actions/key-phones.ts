// Key phones for the helpdesk: list a router's phones with their flag, and set or unset it on
// one or many. The router's answer (true/false per phone, in order) is what is reported and
// stored; a request that went unanswered is reconciled by reading the flags back.
import "server-only";
import type { KeyPhoneResult, Phone } from "@/lib/cme";
import type { Actor } from "@/lib/db/audit";
import * as keyPhonesDb from "@/lib/db/key-phones";
import type { KeyPhoneOutcome } from "@/lib/db/key-phones";
import { log } from "@/lib/log";
import { checkedPhoneNames } from "./inputs";
import { failureReason, mayHaveTakenEffect } from "./outcome";
import { findCmeRouter, openCmeRouter, type OpenRouter } from "./router";
import type { KeyPhoneAction, KeyPhoneChange, KeyPhoneList, KeyPhoneRow } from "@/lib/domain/cme-actions";
import { targetKey, withTargetLocks } from "./target-lock";

function rowFromRouter(phone: Phone): KeyPhoneRow {
  return {
    name: phone.name ?? "",
    model: phone.model ?? "",
    description: "",
    userName: phone.user ?? "",
    primaryDn: phone.lines[0]?.directoryNumber ?? "",
    registrationStatus: phone.registrationStatus ?? "unknown",
    keyPhone: phone.keyPhone,
  };
}

/** From the stored inventory; when it holds nothing for this router yet, live with ISgetDevice. */
export async function listKeyPhones(sourceId: string): Promise<KeyPhoneList> {
  const router = await findCmeRouter(sourceId);
  const stored = await keyPhonesDb.listKeyPhones(sourceId);
  if (stored.length > 0) {
    return { router, origin: "inventory", phones: stored.map(({ protocol: _protocol, ...row }) => row) };
  }
  const { client } = await openCmeRouter(sourceId);
  const live = await client.getPhones({ keyword: "all" });
  const phones = live
    .filter((phone) => phone.protocol === "sccp" && phone.name)
    .map(rowFromRouter)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { router, origin: "router", phones };
}

const verb = (action: KeyPhoneAction) => (action === "set" ? "key phone set" : "key phone unset");
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Said first when the router refused the key-phone method and the change went through its CLI. */
function cliWords(action: KeyPhoneAction, results: readonly KeyPhoneResult[]): string {
  const through = results.find((r) => r.throughCli)?.throughCli;
  if (!through) return "";
  const method = action === "set" ? "ISsetKeyPhones" : "ISunsetKeyPhones";
  const lineError = results.find((r) => r.throughCli?.lineError)?.throughCli?.lineError;
  return `This router does not take ${method} (${through.refusal.replace(/\.$/, "")}), so the change went through its CLI (ephone N, ${action === "set" ? "keyphone" : "no keyphone"}).${lineError ? ` The CLI stopped at ${lineError}.` : ""} `;
}

function summary(
  action: KeyPhoneAction,
  results: readonly KeyPhoneResult[],
): Pick<KeyPhoneChange, "outcome" | "message"> {
  const done = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok).map((r) => r.phone);
  const how = cliWords(action, results);
  const refusedText = how
    ? `${refused.join(", ")} did not change (no SCCP phone by that name on this router, or its CLI line was refused).`
    : `The router answered false for ${refused.join(", ")} and changed nothing there (usually: no SCCP phone by that name on this router).`;
  const which = done.length === 1 ? done[0]!.phone : plural(done.length, "phone");
  const doneText =
    action === "set"
      ? `The router made ${which} ${done.length === 1 ? "a key phone" : "key phones"}.`
      : `The router took the key-phone flag off ${which}.`;
  if (refused.length === 0) return { outcome: "success", message: `${how}${doneText}` };
  if (done.length === 0) return { outcome: "failure", message: `${how}${refusedText}` };
  return { outcome: "partial", message: `${how}${doneText} ${refusedText}` };
}

/** After an unanswered request: which flags the router has now, per phone (null: it does not know the phone). */
async function readBack(
  { client }: OpenRouter,
  phones: readonly string[],
): Promise<{ phone: string; keyPhone: boolean | null }[] | null> {
  try {
    const found = await client.getPhones(phones.map((name) => ({ name })));
    const byName = new Map(found.filter((p) => p.name).map((p) => [p.name!.toUpperCase(), p.keyPhone]));
    return phones.map((phone) => ({ phone, keyPhone: byName.get(phone) ?? null }));
  } catch {
    return null;
  }
}

export async function changeKeyPhones(
  sourceId: string,
  input: { action: KeyPhoneAction; phones: readonly string[] },
  who: Actor,
): Promise<KeyPhoneChange> {
  const phones = checkedPhoneNames(input.phones);
  const busy = `A key-phone change for ${phones.length === 1 ? phones[0] : "one of these phones"} on this router is already in progress; wait for it to finish.`;
  return withTargetLocks(
    phones.map((phone) => targetKey(sourceId, "phone", phone)),
    busy,
    async () => {
      const open = await openCmeRouter(sourceId);
      const { router, client } = open;
      const action = `key-phone.${input.action}`;
      const base = { sourceId, router: router.name };
      const wanted = input.action === "set";
      try {
        const results = wanted ? await client.setKeyPhones(phones) : await client.unsetKeyPhones(phones);
        const outcomes: KeyPhoneOutcome[] = results.map((r) => ({
          phone: r.phone,
          keyPhone: r.ok ? wanted : null,
          outcome: r.ok ? "success" : "failure",
          detail: { ...base, routerAnswer: r.ok, ...(r.throughCli ? { throughCli: r.throughCli } : {}) },
        }));
        await keyPhonesDb.recordKeyPhoneOutcomes(
          { sourceId, action, reason: `${verb(input.action)} by ${who.actor}`, outcomes },
          who,
        );
        return { action: input.action, ...summary(input.action, results), results, readBack: null };
      } catch (error) {
        const reason = failureReason(error);
        if (!mayHaveTakenEffect(error)) {
          await keyPhonesDb.recordKeyPhoneOutcomes(
            {
              sourceId,
              action,
              reason,
              outcomes: phones.map((phone) => ({
                phone,
                keyPhone: null,
                outcome: "failure",
                detail: { ...base, reason },
              })),
            },
            who,
          );
          throw error;
        }
        const flags = await readBack(open, phones);
        log.warn("key-phone change unanswered; read back", {
          sourceId,
          action,
          phones: phones.length,
          readBack: flags !== null,
        });
        await keyPhonesDb.recordKeyPhoneOutcomes(
          {
            sourceId,
            action,
            reason: `read back after an unanswered ${action} by ${who.actor}`,
            outcomes: phones.map((phone, index) => {
              const flag = flags?.[index]?.keyPhone ?? null;
              return { phone, keyPhone: flag, outcome: "unknown", detail: { ...base, reason, readBackFlag: flag } };
            }),
          },
          who,
        );
        const message = flags
          ? `Outcome unknown: the router did not answer in time. Read back from the router: ${flags.map((f) => `${f.phone} ${f.keyPhone === null ? "not found" : f.keyPhone ? "is a key phone" : "is not a key phone"}`).join("; ")}.`
          : "Outcome unknown: the router did not answer in time, and reading the flags back failed too. Reload the list in a minute to see what the router has.";
        return { action: input.action, outcome: "unknown", message, results: [], readBack: flags };
      }
    },
  );
}
