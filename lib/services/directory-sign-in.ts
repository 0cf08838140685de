// Directory sign-in as the API, the Users page and the sign-in page see it: the role rules, the
// local sign-in switch, and which ways in are configured (never the secrets).
import { env } from "@/lib/env";
import type { Actor } from "@/lib/db/audit";
import {
  getLocalSignIn,
  listDirectoryRoleRules,
  replaceDirectoryRoleRules,
  setLocalSignIn,
  type LocalSignIn,
} from "@/lib/db/directory-sign-in";
import type { DirectoryRoleRule } from "@/lib/domain/directory-roles";

export async function getRoleRules() {
  return { rules: await listDirectoryRoleRules() };
}

export async function setRoleRules(rules: DirectoryRoleRule[], who: Actor) {
  await replaceDirectoryRoleRules(rules, who);
  return getRoleRules();
}

export async function getSignInSettings() {
  const { oidc, ldap, directoryRecheckMs } = env();
  return {
    localSignIn: await getLocalSignIn(),
    oidc: { configured: !!oidc, name: oidc?.name ?? null, roleClaim: oidc?.roleClaim ?? null },
    ldap: { configured: !!ldap, groups: ldap?.groups ?? null },
    directoryRecheckMinutes: Math.round(directoryRecheckMs / 60_000),
  };
}

export async function setSignInSettings(localSignIn: LocalSignIn, who: Actor) {
  await setLocalSignIn(localSignIn, who);
  return getSignInSettings();
}

/** What the sign-in page offers. */
export async function signInChoices() {
  const { oidc, ldap } = env();
  return {
    singleSignOn: oidc ? { id: "oidc", name: oidc.name } : null,
    directory: !!ldap,
    localAdminsOnly: (await getLocalSignIn()) === "admins",
  };
}
