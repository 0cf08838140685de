// Typed fetchers for a CME router's key phones and configuration save, typed by the API contracts.
import { apiFetch } from "@/components/api-client";
import type { KeyPhoneAction, KeyPhoneChange, KeyPhoneList, SaveConfigResult } from "@/lib/domain/cme-actions";

const base = (sourceId: string) => `/sources/${encodeURIComponent(sourceId)}`;

export const keyPhonesApi = {
  list: (sourceId: string) => apiFetch<KeyPhoneList>(`${base(sourceId)}/key-phones`),
  change: (sourceId: string, body: { action: KeyPhoneAction; phones: string[] }) =>
    apiFetch<KeyPhoneChange>(`${base(sourceId)}/key-phones`, { method: "POST", body }),
  saveConfig: (sourceId: string) => apiFetch<SaveConfigResult>(`${base(sourceId)}/save-config`, { method: "POST" }),
};
