import { z } from "zod";
import { defineContract } from "../contract";
import { roleSchema } from "@/lib/domain/roles";
import { idParams } from "./shared";

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  /** The creator is disabled: the token does not work until they are enabled again. */
  suspended: z.boolean(),
});

export const listTokens = defineContract({
  method: "GET",
  path: "/tokens",
  summary: "List API tokens (never their secrets)",
  tag: "Tokens",
  permission: "manageTokens",
  response: z.object({ items: z.array(tokenSchema) }),
});

export const createToken = defineContract({
  method: "POST",
  path: "/tokens",
  summary: "Create an API token; the secret is returned once",
  tag: "Tokens",
  permission: "manageTokens",
  body: z
    .object({
      name: z.string().trim().min(1).max(100),
      role: roleSchema,
      expiresInDays: z.number().int().min(1).max(3650).optional(),
    })
    .strict(),
  response: z.object({ token: z.string(), record: tokenSchema }),
  status: 201,
});

export const revokeToken = defineContract({
  method: "DELETE",
  path: "/tokens/{id}",
  summary: "Revoke an API token",
  tag: "Tokens",
  permission: "manageTokens",
  params: idParams,
  response: z.object({ record: tokenSchema }),
});
