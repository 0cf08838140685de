// Credential checks for the sign-in form: throttled per account (growing delays) and per client
// address, with one generic failure whatever went wrong, and an audit row either way. A throttled
// attempt still checks the password (and discards the answer), so it takes as long as a wrong one.
// A name that is no local account goes to the LDAP directory when one is configured; local
// accounts are the break-glass way in, so they keep working when the directory is down.
import { verifyCredentials, normaliseEmail, getUserByEmail, type UserRecord } from "@/lib/db/users";
import { accountRule, addressRule, clearLoginFailures, lockedUntil, recordLoginFailure } from "@/lib/db/login-throttle";
import { recordAuditAlone } from "@/lib/db/audit";
import { startSession } from "@/lib/db/sessions";
import { getLocalSignIn } from "@/lib/db/directory-sign-in";
import { env } from "@/lib/env";
import type { SignInErrorCode } from "@/lib/domain/sign-in-messages";
import { DirectoryUnavailableError, ldapAuthenticate } from "./ldap";
import { signInDirectoryPerson } from "./directory-sign-in";
import { ldapGroupNames } from "@/lib/domain/directory-roles";

export type SignedIn = UserRecord & { sessionId: string };

/** A refusal with words of its own (the directory is down, no role rule matches, ...). */
export class SignInRefused extends Error {
  constructor(readonly code: SignInErrorCode) {
    super(code);
    this.name = "SignInRefused";
  }
}

export async function checkSignIn(
  emailInput: string,
  password: string,
  clientAddress: string,
  now = new Date(),
): Promise<SignedIn | null> {
  // A control character (a NUL above all) is never part of a name, and PostgreSQL refuses NUL in
  // text: replaced, the name matches nobody, locally or in the directory, and is still throttled.
  const typed = emailInput.replace(/[\u0000-\u001f\u007f]/g, "\ufffd");
  const email = normaliseEmail(typed).slice(0, 320);
  const accountKey = `account:${email}`;
  const addressKey = `address:${clientAddress}`;
  const who = { actor: email || "(blank)", ip: clientAddress };

  const throttled = (await lockedUntil([accountKey, addressKey], now)) !== null;
  const checkable = password.length > 0 && password.length <= 200;
  const ldap = env().ldap;
  const known = ldap && checkable && !throttled ? await getUserByEmail(email) : null;
  if (ldap && checkable && !throttled && (!known || known.authSource === "ldap"))
    return ldapSignIn(typed.trim().slice(0, 320), password, { accountKey, addressKey, who }, now);

  const adminsOnly = (await getLocalSignIn()) === "admins";
  const user = checkable
    ? await verifyCredentials(email, password, { dryRun: throttled, adminsOnly })
    : await verifyCredentials("", "", { dryRun: true });
  if (throttled) {
    await recordAuditAlone(who, {
      action: "auth.sign-in",
      target: email,
      detail: { reason: "throttled" },
      outcome: "failure",
    });
    return null;
  }
  if (!user) {
    await failed({ accountKey, addressKey, who }, "bad credentials or disabled", now);
    return null;
  }
  await clearLoginFailures(accountKey);
  const sessionId = await startSession(user.id, now);
  await recordAuditAlone({ ...who, actorId: user.id }, { action: "auth.sign-in", target: email, outcome: "success" });
  return { ...user, sessionId };
}

interface Attempt {
  accountKey: string;
  addressKey: string;
  who: { actor: string; ip: string };
}

async function failed(attempt: Attempt, reason: string, now: Date): Promise<void> {
  await recordLoginFailure(attempt.accountKey, accountRule, now);
  await recordLoginFailure(attempt.addressKey, addressRule, now);
  await recordAuditAlone(attempt.who, {
    action: "auth.sign-in",
    target: attempt.who.actor,
    detail: { reason },
    outcome: "failure",
  });
}

/** The LDAP path: same throttling and audit; a directory that is down says so instead of "wrong password". */
async function ldapSignIn(userName: string, password: string, attempt: Attempt, now: Date): Promise<SignedIn | null> {
  let person: Awaited<ReturnType<typeof ldapAuthenticate>>;
  try {
    person = await ldapAuthenticate(env().ldap!, userName, password);
  } catch (error) {
    if (!(error instanceof DirectoryUnavailableError)) throw error;
    await recordAuditAlone(attempt.who, {
      action: "auth.sign-in",
      target: attempt.who.actor,
      detail: { source: "ldap", reason: "directory unreachable" },
      outcome: "failure",
    });
    throw new SignInRefused("DirectoryUnavailable");
  }
  if (!person) {
    await failed(attempt, "bad credentials (LDAP)", now);
    return null;
  }
  await clearLoginFailures(attempt.accountKey);
  const result = await signInDirectoryPerson(
    {
      source: "ldap",
      externalId: person.dn.toLowerCase(),
      email: person.email,
      name: person.name,
      groups: person.groups.flatMap(ldapGroupNames),
    },
    attempt.who.ip,
    now,
  );
  if ("refused" in result) throw new SignInRefused(result.refused);
  return result.user;
}
