// Typed fetchers for CME phone users, typed by the API contracts.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { listCmeUsers } from "@/lib/api/contracts/cme-actions";
import type { CmePasswordReset, CmeUserLookup } from "@/lib/domain/cme-actions";

const base = (sourceId: string, userId: string) =>
  `/sources/${encodeURIComponent(sourceId)}/cme-users/${encodeURIComponent(userId)}`;

export type CmeUserList = z.infer<typeof listCmeUsers.response>;

export const cmeUsersApi = {
  list: (sourceId: string, q: string, signal?: AbortSignal) =>
    apiFetch<CmeUserList>(`/sources/${encodeURIComponent(sourceId)}/cme-users${queryString({ q })}`, { signal }),
  lookUp: (sourceId: string, userId: string) => apiFetch<CmeUserLookup>(base(sourceId, userId)),
  resetPassword: (sourceId: string, userId: string) =>
    apiFetch<CmePasswordReset>(`${base(sourceId, userId)}/reset-password`, { method: "POST" }),
};
