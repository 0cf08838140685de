// Typed fetchers for phones, with types from the API contracts.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { getPhone, listPhones, lookupPhones, phoneRowSchema } from "@/lib/api/contracts/inventory";
import type { refreshPhone } from "@/lib/api/contracts/phone-refresh";
import type { restartPhone } from "@/lib/api/contracts/cme-actions";
import type { PhoneFilters } from "./url-state";

export type PhonePage = z.infer<typeof listPhones.response>;
export type PhoneRow = z.infer<typeof phoneRowSchema>;
export type PhoneDetail = z.infer<typeof getPhone.response>;
export type PhoneRefresh = z.infer<typeof refreshPhone.response>;
export type PhoneRestart = z.infer<typeof restartPhone.response>;
export type PhoneRestartKind = z.input<typeof restartPhone.body>["kind"];
export type PhoneLookup = z.infer<typeof lookupPhones.response>;

const filterParams = (f: PhoneFilters) => ({
  view: f.view,
  q: f.q,
  source: f.source,
  site: f.site,
  status: f.status,
  reason: f.reason,
  class: f.kind,
  deviceClass: f.deviceClass,
  protocol: f.protocol,
  model: f.model,
  keyPhone: f.keyPhone,
  sort: f.sort === "name" ? undefined : f.sort,
  order: f.order === "asc" ? undefined : f.order,
});

/** queryString leaves empty values out, but reason= (phones with no reason reported) is a filter. */
const phoneQuery = (f: PhoneFilters, extra: Record<string, string | number | undefined>) => {
  const text = queryString({ ...filterParams(f), ...extra });
  return f.reason === "" ? `${text}${text ? "&" : "?"}reason=` : text;
};

export const phonesApi = {
  list: (f: PhoneFilters, signal?: AbortSignal) =>
    apiFetch<PhonePage>(`/phones${phoneQuery(f, { page: f.page, pageSize: f.pageSize })}`, { signal }),
  detail: (name: string, signal?: AbortSignal) =>
    apiFetch<PhoneDetail>(`/phones/${encodeURIComponent(name)}`, { signal }),
  refresh: (name: string) => apiFetch<PhoneRefresh>(`/phones/${encodeURIComponent(name)}/refresh`, { method: "POST" }),
  restart: (sourceId: string, name: string, kind: PhoneRestartKind) =>
    apiFetch<PhoneRestart>(`/sources/${encodeURIComponent(sourceId)}/phones/${encodeURIComponent(name)}/restart`, {
      method: "POST",
      body: { kind },
    }),
  lookup: (text: string) => apiFetch<PhoneLookup>("/phone-lookup", { method: "POST", body: { text } }),
  csvUrl: (f: PhoneFilters) => `/api/v1/phones${phoneQuery(f, { format: "csv" })}`,
};
