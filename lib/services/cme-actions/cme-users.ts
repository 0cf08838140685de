// CME phone users for the helpdesk: look one up (ISgetUser) and reset their password
// (ISupdateUser). The new password is generated here, sent once, returned once, and never
// stored, logged or audited; a router refusal comes back in plain words.
import "server-only";
import { RouterRefusal, type CmeUser } from "@/lib/cme";
import { DeviceError, SoapFault, plainText } from "@/lib/soap";
import type { Actor } from "@/lib/db/audit";
import { phoneUsersOf, recordCmePasswordReset } from "@/lib/db/cme-users";
import { getSource } from "@/lib/db/sources";
import { notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { checkedUserId } from "./inputs";
import { failureReason, mayHaveTakenEffect } from "./outcome";
import { openCmeRouter } from "./router";
import { generateRouterPassword } from "./router-password";
import type { CmePasswordReset, CmeUserLookup } from "@/lib/domain/cme-actions";
import { targetKey, withTargetLocks } from "./target-lock";

const TYPE_WORDS: Record<CmeUser["type"], string> = {
  invalid: "invalid (not a usable CME user)",
  "ephone user": "ephone user",
  "logout profile": "logout profile",
  "user profile": "user profile",
};

export async function lookUpCmeUser(sourceId: string, rawUserId: string): Promise<CmeUserLookup> {
  const userId = checkedUserId(rawUserId);
  const { router, client } = await openCmeRouter(sourceId);
  const user = await client.getUser(userId);
  // Cisco's guide: an unknown user comes back as type 0 (INVALID_CME_USER) with tag 0.
  const found = !(user.type === "invalid" && user.tag === 0);
  const message = found
    ? `${user.id} on ${router.name}: ${TYPE_WORDS[user.type]}, user-name tag ${user.tag}.`
    : `No such user: ${router.name} has no user named ${userId}.`;
  return {
    userId: user.id,
    found,
    type: user.type,
    typeLabel: found ? TYPE_WORDS[user.type] : "no such user",
    tag: user.tag,
    message,
  };
}

/** The router's refusal in plain words, with the new password masked should the router echo it. */
function refusalWords(error: DeviceError, userId: string, password: string): string {
  const said = plainText(error.deviceMessage.split(password).join("***"));
  if (/does not exist|unknown user|no such user/i.test(said))
    return `No such user: the router has no user named ${userId}, so no password was changed.`;
  return said
    ? `The router refused the new password for ${userId}: ${said}. The old password still works.`
    : `The router refused the new password for ${userId}. The old password still works.`;
}

function cannotResetWords(error: RouterRefusal | SoapFault, userId: string, password: string): string {
  const said = plainText(error.userMessage.split(password).join("***")).replace(/\.$/, "");
  return `This router cannot reset passwords through its XML API (it refused ISupdateUser, which Cisco's newer guide no longer lists: ${said}). No password was changed for ${userId}; change it on the router itself.`;
}

export async function resetCmeUserPassword(sourceId: string, rawUserId: string, who: Actor): Promise<CmePasswordReset> {
  const userId = checkedUserId(rawUserId);
  const busy = `A password reset for ${userId} on this router is already in progress; wait for it to finish.`;
  return withTargetLocks([targetKey(sourceId, "user", userId)], busy, async () => {
    const { router, client } = await openCmeRouter(sourceId);
    const audit = { sourceId, router: router.name, userId };
    const password = generateRouterPassword();
    try {
      await client.updateUserPassword(userId, password);
    } catch (error) {
      // The newer guide no longer lists ISupdateUser: a router that refuses the method itself
      // cannot reset passwords, and the helpdesk is told so rather than "refused this password".
      if (error instanceof RouterRefusal || error instanceof SoapFault) {
        const message = cannotResetWords(error, userId, password);
        await recordCmePasswordReset({ ...audit, outcome: "failure", reason: message }, who);
        return { outcome: "failure", userId, message };
      }
      if (error instanceof DeviceError) {
        const message = refusalWords(error, userId, password);
        await recordCmePasswordReset({ ...audit, outcome: "failure", reason: message }, who);
        return { outcome: "failure", userId, message };
      }
      if (mayHaveTakenEffect(error)) {
        await recordCmePasswordReset({ ...audit, outcome: "unknown", reason: failureReason(error) }, who);
        log.warn("CME password reset unanswered", { sourceId, userId });
        return {
          outcome: "unknown",
          userId,
          message: `Outcome unknown: the router did not answer in time, so ${userId}'s password may or may not have changed. A password cannot be read back from the router: reset it again to be sure of the new one.`,
        };
      }
      await recordCmePasswordReset({ ...audit, outcome: "failure", reason: failureReason(error) }, who);
      throw error;
    }
    await recordCmePasswordReset({ ...audit, outcome: "success" }, who);
    return {
      outcome: "success",
      userId,
      password,
      message: `${userId}'s password on ${router.name} was changed. It is shown only now: copy it and pass it on.`,
    };
  });
}

const USER_PHONES_READ = 2_000;

/** A router's users from its stored phones, each with their phones: no router request. */
export async function listCmeUsers(sourceId: string, q?: string) {
  const source = await getSource(sourceId);
  if (source?.kind !== "cme") throw notFound("The CME router");
  const rows = await phoneUsersOf(sourceId, { q: q || undefined, limit: USER_PHONES_READ });
  const users = new Map<
    string,
    { userId: string; phones: { name: string; registrationStatus: string; statusReason: string }[] }
  >();
  for (const row of rows) {
    const user = users.get(row.userName) ?? { userId: row.userName, phones: [] };
    user.phones.push({ name: row.name, registrationStatus: row.registrationStatus, statusReason: row.statusReason });
    users.set(row.userName, user);
  }
  return { users: [...users.values()], truncated: rows.length >= USER_PHONES_READ };
}
