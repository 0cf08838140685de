// Credential checks for the sign-in form: throttled per account (growing delays) and per client
// address, with one generic failure whatever went wrong, and an audit row either way. A throttled
// attempt still checks the password (and discards the answer), so it takes as long as a wrong one.
import { verifyCredentials, normaliseEmail, type UserRecord } from "@/lib/db/users";
import { accountRule, addressRule, clearLoginFailures, lockedUntil, recordLoginFailure } from "@/lib/db/login-throttle";
import { recordAuditAlone } from "@/lib/db/audit";
import { startSession } from "@/lib/db/sessions";

export type SignedIn = UserRecord & { sessionId: string };

export async function checkSignIn(
  emailInput: string,
  password: string,
  clientAddress: string,
  now = new Date(),
): Promise<SignedIn | null> {
  const email = normaliseEmail(emailInput).slice(0, 320);
  const accountKey = `account:${email}`;
  const addressKey = `address:${clientAddress}`;
  const who = { actor: email || "(blank)", ip: clientAddress };

  const throttled = (await lockedUntil([accountKey, addressKey], now)) !== null;
  const checkable = password.length > 0 && password.length <= 200;
  const user = checkable
    ? await verifyCredentials(email, password, { dryRun: throttled })
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
    await recordLoginFailure(accountKey, accountRule, now);
    await recordLoginFailure(addressKey, addressRule, now);
    await recordAuditAlone(who, {
      action: "auth.sign-in",
      target: email,
      detail: { reason: "bad credentials or disabled" },
      outcome: "failure",
    });
    return null;
  }
  await clearLoginFailures(accountKey);
  const sessionId = await startSession(user.id, now);
  await recordAuditAlone({ ...who, actorId: user.id }, { action: "auth.sign-in", target: email, outcome: "success" });
  return { ...user, sessionId };
}
