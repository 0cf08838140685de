// LDAP search filters built from what a person types: every value is escaped per RFC 4515, so a
// user name such as "*)(uid=*" is a literal name that matches nobody, never part of the filter.

/** RFC 4515 section 3: the characters that must be written as \XX inside an assertion value. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export const USER_PLACEHOLDER = "{user}";

/** The configured user filter with every {user} replaced by the escaped name. */
export function userSearchFilter(template: string, userName: string): string {
  return template.split(USER_PLACEHOLDER).join(escapeFilterValue(userName));
}

/** A filter template must hold {user} and be one parenthesised filter. */
export function checkUserFilterTemplate(template: string): string | null {
  if (!template.includes(USER_PLACEHOLDER)) return `must contain ${USER_PLACEHOLDER}`;
  if (!/^\(.*\)$/s.test(template.trim())) return "must be one filter in parentheses, such as (uid={user})";
  return null;
}

/** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: every group the user is in, however deeply nested. */
export const IN_CHAIN_RULE = "1.2.840.113556.1.4.1941";

export function inChainGroupFilter(userDn: string): string {
  return `(&(objectClass=group)(member:${IN_CHAIN_RULE}:=${escapeFilterValue(userDn)}))`;
}
