// Typed fetchers for people and API tokens, with types from the API contracts.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { signInSettingsSchema, userSchema } from "@/lib/api/contracts/users";
import type { DirectoryRoleRule } from "@/lib/domain/directory-roles";
import type { tokenSchema } from "@/lib/api/contracts/tokens";
import type { Role } from "@/lib/domain/roles";

export type User = z.infer<typeof userSchema>;
export type SignInSettings = z.infer<typeof signInSettingsSchema>;
export type ApiTokenInfo = z.infer<typeof tokenSchema>;
export interface UserFilters {
  search?: string;
  role?: Role;
}

export const usersApi = {
  list: (f: UserFilters) => apiFetch<{ items: User[] }>(`/users${queryString({ search: f.search, role: f.role })}`),
  create: (body: { email: string; name: string; role: Role }) =>
    apiFetch<{ user: User; initialPassword?: string }>("/users", { method: "POST", body }),
  update: (id: string, body: { role?: Role; disabled?: boolean; name?: string }) =>
    apiFetch<{ user: User }>(`/users/${encodeURIComponent(id)}`, { method: "PATCH", body }),
  signOutEverywhere: (id: string) =>
    apiFetch<{ ok: true }>(`/users/${encodeURIComponent(id)}/sign-out-everywhere`, { method: "POST" }),
  resetPassword: (id: string) =>
    apiFetch<{ password: string }>(`/users/${encodeURIComponent(id)}/reset-password`, { method: "POST" }),
};

export const tokensApi = {
  list: () => apiFetch<{ items: ApiTokenInfo[] }>("/tokens"),
  create: (body: { name: string; role: Role; expiresInDays?: number }) =>
    apiFetch<{ token: string; record: ApiTokenInfo }>("/tokens", { method: "POST", body }),
  revoke: (id: string) => apiFetch<{ record: ApiTokenInfo }>(`/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
};

export const directoryApi = {
  roleRules: () => apiFetch<{ rules: DirectoryRoleRule[] }>("/directory/role-rules"),
  saveRoleRules: (rules: DirectoryRoleRule[]) =>
    apiFetch<{ rules: DirectoryRoleRule[] }>("/directory/role-rules", { method: "PUT", body: { rules } }),
  signInSettings: () => apiFetch<SignInSettings>("/settings/sign-in"),
  saveSignInSettings: (body: { localSignIn: SignInSettings["localSignIn"] }) =>
    apiFetch<SignInSettings>("/settings/sign-in", { method: "PUT", body }),
};
