// Typed fetchers for CME phone users, typed by the API contracts.
import { apiFetch } from "@/components/api-client";
import type { CmePasswordReset, CmeUserLookup } from "@/lib/domain/cme-actions";

const base = (sourceId: string, userId: string) =>
  `/sources/${encodeURIComponent(sourceId)}/cme-users/${encodeURIComponent(userId)}`;

export const cmeUsersApi = {
  lookUp: (sourceId: string, userId: string) => apiFetch<CmeUserLookup>(base(sourceId, userId)),
  resetPassword: (sourceId: string, userId: string) =>
    apiFetch<CmePasswordReset>(`${base(sourceId, userId)}/reset-password`, { method: "POST" }),
};
