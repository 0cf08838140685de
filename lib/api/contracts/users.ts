import { z } from "zod";
import { defineContract } from "../contract";
import { roleSchema } from "@/lib/domain/roles";
import { directoryRoleRulesSchema } from "@/lib/domain/directory-roles";
import { idParams, okResponse } from "./shared";
import { passwordRule } from "./me";

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  authSource: z
    .enum(["local", "oidc", "ldap"])
    .describe("How they sign in: a local password, or a directory (whose groups give the role at each sign-in)"),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listUsers = defineContract({
  method: "GET",
  path: "/users",
  summary: "List users",
  tag: "Users",
  permission: "manageUsers",
  query: z.object({ search: z.string().max(200).optional(), role: roleSchema.optional() }),
  response: z.object({ items: z.array(userSchema) }),
});

export const createUser = defineContract({
  method: "POST",
  path: "/users",
  summary: "Create a user; without a password one is generated and returned once",
  tag: "Users",
  permission: "manageUsers",
  body: z
    .object({
      email: z.email().max(320),
      name: z.string().trim().min(1).max(200),
      role: roleSchema,
      password: passwordRule.optional(),
    })
    .strict(),
  response: z.object({ user: userSchema, initialPassword: z.string().optional() }),
  status: 201,
});

export const updateUser = defineContract({
  method: "PATCH",
  path: "/users/{id}",
  summary: "Change a user's name or role, or disable / enable them (disabling ends their sessions)",
  tag: "Users",
  permission: "manageUsers",
  params: idParams,
  body: z
    .object({
      name: z.string().trim().min(1).max(200).optional(),
      role: roleSchema.optional(),
      disabled: z.boolean().optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 0, "change at least one of name, role, disabled"),
  response: z.object({ user: userSchema }),
});

export const signOutUserEverywhere = defineContract({
  method: "POST",
  path: "/users/{id}/sign-out-everywhere",
  summary: "End every session of a user at once",
  tag: "Users",
  permission: "manageUsers",
  params: idParams,
  response: okResponse,
});

export const resetUserPassword = defineContract({
  method: "POST",
  path: "/users/{id}/reset-password",
  summary: "Give a user a new generated password (returned once) and end their sessions",
  tag: "Users",
  permission: "manageUsers",
  params: idParams,
  response: z.object({ password: z.string() }),
});

const roleRulesBody = z.object({ rules: directoryRoleRulesSchema }).strict();

export const getDirectoryRoleRules = defineContract({
  method: "GET",
  path: "/directory/role-rules",
  summary: "The rules giving directory (OIDC, LDAP) users their role, in the order tried",
  tag: "Users",
  permission: "manageUsers",
  response: roleRulesBody,
});

export const setDirectoryRoleRules = defineContract({
  method: "PUT",
  path: "/directory/role-rules",
  summary:
    "Replace the directory role rules: the first rule whose group the user holds gives the role; none: no access (audited)",
  tag: "Users",
  permission: "manageUsers",
  body: roleRulesBody,
  response: roleRulesBody,
});

export const signInSettingsSchema = z.object({
  localSignIn: z
    .enum(["everyone", "admins"])
    .describe("Who may sign in with a local password: everyone, or only local administrators (break-glass)"),
  oidc: z.object({ configured: z.boolean(), name: z.string().nullable(), roleClaim: z.string().nullable() }),
  ldap: z.object({ configured: z.boolean(), groups: z.enum(["member-of", "in-chain"]).nullable() }),
  directoryRecheckMinutes: z
    .number()
    .int()
    .describe("A directory user's session ends this long after sign-in, so their groups are read again"),
});

export const getSignInSettings = defineContract({
  method: "GET",
  path: "/settings/sign-in",
  summary: "How people sign in: local passwords, OpenID Connect, LDAP, and the directory re-check time",
  tag: "Users",
  permission: "manageUsers",
  response: signInSettingsSchema,
});

export const setSignInSettings = defineContract({
  method: "PUT",
  path: "/settings/sign-in",
  summary: "Turn local password sign-in off for all but local administrators, or on again (audited)",
  tag: "Users",
  permission: "manageUsers",
  body: z.object({ localSignIn: z.enum(["everyone", "admins"]) }).strict(),
  response: signInSettingsSchema,
});
