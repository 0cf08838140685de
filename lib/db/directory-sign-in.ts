// Directory sign-in's stored settings: the role rules (in order) and whether people other than the
// break-glass administrators may sign in with a local password. Both written with an audit row.
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";
import { writeOrgSetting } from "./org-settings";
import { readSetting } from "./site-settings";
import { conflict } from "@/lib/errors";
import type { DirectoryRoleRule } from "@/lib/domain/directory-roles";
import type { Role } from "@/lib/domain/roles";

export async function listDirectoryRoleRules(): Promise<DirectoryRoleRule[]> {
  const rows = await db().directoryRoleRule.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { source: true, groupName: true, role: true },
  });
  return rows.map((r) => ({
    source: r.source as DirectoryRoleRule["source"],
    group: r.groupName,
    role: r.role as Role,
  }));
}

/** Replaces the whole ordered list, so the order an admin sees is the order tried. */
export async function replaceDirectoryRoleRules(rules: DirectoryRoleRule[], who: Actor): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.directoryRoleRule.count();
    await tx.directoryRoleRule.deleteMany({});
    await tx.directoryRoleRule.createMany({
      data: rules.map((r, position) => ({ position, source: r.source, groupName: r.group, role: r.role })),
    });
    await recordAudit(tx, who, {
      action: "settings.directory-role-rules",
      target: "directory role rules",
      detail: { rulesBefore: before, rules },
      outcome: "success",
    });
  });
}

const LOCAL_SIGN_IN_KEY = "auth.localSignIn";
/** Stored value: only local administrators (the break-glass accounts) sign in with a password. */
const ADMINS_ONLY = "admins";

export type LocalSignIn = "everyone" | "admins";

export async function getLocalSignIn(): Promise<LocalSignIn> {
  return (await readSetting(LOCAL_SIGN_IN_KEY)) === ADMINS_ONLY ? "admins" : "everyone";
}

/** Turning local sign-in off needs an enabled local administrator left to sign in with. */
export async function setLocalSignIn(value: LocalSignIn, who: Actor): Promise<void> {
  if (value === "admins") {
    const breakGlass = await db().user.count({
      where: { role: "admin", disabled: false, authSource: "local", NOT: { passwordHash: "" } },
    });
    if (breakGlass === 0)
      throw conflict("There is no enabled local administrator: create one (the break-glass account) first.");
  }
  await writeOrgSetting(
    {
      key: LOCAL_SIGN_IN_KEY,
      value: value === "admins" ? ADMINS_ONLY : "everyone",
      action: "settings.local-sign-in",
      detail: { to: value },
    },
    who,
  );
}
