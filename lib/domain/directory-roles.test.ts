import { expect, test } from "vitest";
import { directoryRoleRulesSchema, ldapGroupNames, roleForGroups, type DirectoryRoleRule } from "./directory-roles";

const rules: DirectoryRoleRule[] = [
  { source: "oidc", group: "Linewatch-Admins", role: "admin" },
  { source: "any", group: "helpdesk", role: "helpdesk" },
  { source: "ldap", group: "CN=Staff,OU=Groups,DC=example,DC=com", role: "viewer" },
  { source: "any", group: "everyone", role: "viewer" },
];

test("the first matching rule wins, ignoring case", () => {
  expect(roleForGroups(rules, "oidc", ["everyone", "linewatch-admins", "helpdesk"])).toMatchObject({
    role: "admin",
    index: 0,
  });
  expect(roleForGroups(rules, "oidc", ["everyone", "HELPDESK"])).toMatchObject({ role: "helpdesk", index: 1 });
});

test("a rule for one directory does not apply to the other", () => {
  expect(roleForGroups(rules, "ldap", ["linewatch-admins"])).toBeNull();
  expect(roleForGroups(rules, "oidc", ["cn=staff,ou=groups,dc=example,dc=com"])).toBeNull();
  expect(roleForGroups(rules, "ldap", ["cn=staff,ou=groups,dc=example,dc=com"])).toMatchObject({ role: "viewer" });
});

test("no matching rule, or no groups, is no access", () => {
  expect(roleForGroups(rules, "oidc", [])).toBeNull();
  expect(roleForGroups([], "ldap", ["helpdesk"])).toBeNull();
  expect(roleForGroups(rules, "oidc", ["helpdesk-2"])).toBeNull();
});

test("an LDAP group matches by DN or by its name", () => {
  expect(ldapGroupNames("CN=Linewatch Admins,OU=Groups,DC=example,DC=com")).toEqual([
    "CN=Linewatch Admins,OU=Groups,DC=example,DC=com",
    "Linewatch Admins",
  ]);
  expect(ldapGroupNames("cn=Smith\\, Ops,ou=g,dc=x")).toEqual(["cn=Smith\\, Ops,ou=g,dc=x", "Smith, Ops"]);
});

test("rules are checked: a known source and role, a group", () => {
  expect(directoryRoleRulesSchema.safeParse([{ source: "saml", group: "x", role: "admin" }]).success).toBe(false);
  expect(directoryRoleRulesSchema.safeParse([{ source: "any", group: " ", role: "admin" }]).success).toBe(false);
  expect(directoryRoleRulesSchema.safeParse([{ source: "any", group: "x", role: "root" }]).success).toBe(false);
});
