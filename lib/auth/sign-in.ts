// Credential checks for the sign-in form: throttled per account and per client address, with
// one generic failure whatever went wrong, and an audit row either way.
import { verifyCredentials, normaliseEmail, type UserRecord } from "@/lib/db/users";
import { accountRule, addressRule, clearLoginFailures, lockedUntil, recordLoginFailure } from "@/lib/db/login-throttle";
import { recordAuditAlone } from "@/lib/db/audit";

export async function checkSignIn(emailInput: string, password: string, clientAddress: string): Promise<UserRecord | null> {
  const email = normaliseEmail(emailInput).slice(0, 320);
  const accountKey = `account:${email}`;
  const addressKey = `address:${clientAddress}`;
  const who = { actor: email || "(blank)", ip: clientAddress };

  if (await lockedUntil([accountKey, addressKey])) {
    await recordAuditAlone(who, { action: "auth.sign-in", target: email, detail: { reason: "throttled" }, outcome: "failure" });
    return null;
  }
  const user = password.length > 0 && password.length <= 200 ? await verifyCredentials(email, password) : null;
  if (!user) {
    await recordLoginFailure(accountKey, accountRule);
    await recordLoginFailure(addressKey, addressRule);
    await recordAuditAlone(who, { action: "auth.sign-in", target: email, detail: { reason: "bad credentials or disabled" }, outcome: "failure" });
    return null;
  }
  await clearLoginFailures(accountKey);
  await recordAuditAlone({ ...who, actorId: user.id }, { action: "auth.sign-in", target: email, outcome: "success" });
  return user;
}
