// What OIDC and LDAP sign-in share once the directory has said who someone is: their groups give a
// role through the admin's rules (first match wins; none: no access, and any running session of
// theirs ends), the user row is created or refreshed, a session starts, and an audit row says so.
import "server-only";
import { endDirectoryUserSessions, upsertDirectoryUser } from "@/lib/db/users";
import { listDirectoryRoleRules } from "@/lib/db/directory-sign-in";
import { recordAuditAlone } from "@/lib/db/audit";
import { startSession } from "@/lib/db/sessions";
import { roleForGroups, type DirectorySource } from "@/lib/domain/directory-roles";
import type { SignInErrorCode } from "@/lib/domain/sign-in-messages";
import type { SignedIn } from "./sign-in";

export interface DirectoryPerson {
  source: DirectorySource;
  externalId: string;
  email: string | null;
  name: string;
  /** The values the role rules are matched against. */
  groups: string[];
}

export type DirectorySignIn = { user: SignedIn } | { refused: SignInErrorCode };

export async function signInDirectoryPerson(
  person: DirectoryPerson,
  clientAddress: string | null,
  now = new Date(),
): Promise<DirectorySignIn> {
  const who = { actor: person.email ?? `${person.source}:${person.externalId}`, ip: clientAddress };
  const refuse = async (code: SignInErrorCode, reason: string, actorId?: string) => {
    await recordAuditAlone(
      { ...who, actorId: actorId ?? null },
      { action: "auth.sign-in", target: who.actor, detail: { source: person.source, reason }, outcome: "failure" },
    );
    return { refused: code } as const;
  };

  const match = roleForGroups(await listDirectoryRoleRules(), person.source, person.groups);
  if (!match) {
    await endDirectoryUserSessions(person.source, person.externalId);
    return refuse("NoDirectoryRole", "no role rule matches the directory groups");
  }
  if (!person.email) return refuse("DirectoryNoEmail", "the directory gave no email address");

  const result = await upsertDirectoryUser(
    { source: person.source, externalId: person.externalId, email: person.email, name: person.name, role: match.role },
    now,
  );
  if ("refused" in result)
    return result.refused === "disabled"
      ? refuse("DirectoryAccountDisabled", "account disabled in Linewatch", result.userId)
      : refuse("DirectoryEmailTaken", "the email belongs to an account that signs in another way");

  const sessionId = await startSession(result.user.id, now);
  await recordAuditAlone(
    { ...who, actor: result.user.email, actorId: result.user.id },
    {
      action: "auth.sign-in",
      target: result.user.email,
      detail: { source: person.source, role: match.role, rule: match.index + 1 },
      outcome: "success",
    },
  );
  return { user: { ...result.user, sessionId } };
}
