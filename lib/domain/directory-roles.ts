// Directory role rules: a group from the directory (an OIDC groups or roles claim value, an LDAP
// group's DN or name) gives a Linewatch role. Rules are tried in order; the first match wins, and
// a directory user no rule matches has no access at all.
import { z } from "zod";
import { roleSchema, type Role } from "./roles";

export const directorySources = ["oidc", "ldap"] as const;
export type DirectorySource = (typeof directorySources)[number];
export const ruleSources = ["any", ...directorySources] as const;

export const directoryRoleRuleSchema = z
  .object({
    source: z.enum(ruleSources).describe("Which sign-in the rule applies to: any, oidc or ldap"),
    group: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .describe(
        "The claim value (OIDC) or the group's DN or name (LDAP) this rule matches, ignoring case; no wildcards",
      ),
    role: roleSchema,
  })
  .strict();
export type DirectoryRoleRule = z.infer<typeof directoryRoleRuleSchema>;

export const directoryRoleRulesSchema = z.array(directoryRoleRuleSchema).max(200);

/**
 * The role the first matching rule gives, or null (no access). A group matches when it equals the
 * rule's group ignoring case; LDAP groups are offered both as their DN and as their first RDN's value
 * (the cn), so "Linewatch Admins" and "CN=Linewatch Admins,OU=Groups,DC=example,DC=com" both work.
 */
export function roleForGroups(
  rules: readonly DirectoryRoleRule[],
  source: DirectorySource,
  groups: readonly string[],
): { role: Role; rule: DirectoryRoleRule; index: number } | null {
  const held = new Set(groups.map((g) => g.trim().toLowerCase()));
  for (const [index, rule] of rules.entries()) {
    if (rule.source !== "any" && rule.source !== source) continue;
    if (held.has(rule.group.trim().toLowerCase())) return { role: rule.role, rule, index };
  }
  return null;
}

/** An LDAP group's names to match on: the DN and its first RDN's value (unescaped). */
export function ldapGroupNames(dn: string): string[] {
  const first = /^\s*[^=,]+=((?:\\.|[^,+\\])*)/.exec(dn)?.[1];
  const cn = first?.replace(/\\([0-9a-fA-F]{2}|.)/g, (_, c: string) =>
    c.length === 2 ? String.fromCharCode(Number.parseInt(c, 16)) : c,
  );
  const name = cn?.trim();
  return name ? [dn, name] : [dn];
}
