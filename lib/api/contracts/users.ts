import { z } from "zod";
import { defineContract } from "../contract";
import { roleSchema } from "@/lib/domain/roles";
import { idParams, okResponse } from "./shared";
import { passwordRule } from "./me";

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
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
