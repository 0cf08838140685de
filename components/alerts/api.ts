// Typed fetchers for alerts: the alert list, acknowledge, silences, rules and channels.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type {
  createAlertChannel,
  createAlertRule,
  createSilence,
  listAlertChannels,
  listAlertMarks,
  listAlertRules,
  listAlerts,
  listSilences,
  setAlertMark,
} from "@/lib/api/contracts/alerts";

export type AlertList = z.infer<typeof listAlerts.response>;
export type Alert = AlertList["items"][number];
export type Silences = z.infer<typeof listSilences.response>;
export type SilenceInput = z.input<typeof createSilence.body>;
export type Rules = z.infer<typeof listAlertRules.response>;
export type Rule = Rules["items"][number];
export type RuleInput = z.input<typeof createAlertRule.body>;
export type Channels = z.infer<typeof listAlertChannels.response>;
export type Channel = Channels["items"][number];
export type ChannelInput = z.input<typeof createAlertChannel.body>;

export type Marks = z.infer<typeof listAlertMarks.response>;
export type MarkInput = z.input<typeof setAlertMark.body>;

export interface AlertFilters {
  state: "open" | "resolved" | "all";
  page: number;
}

export const alertsApi = {
  list: (filters: AlertFilters, signal?: AbortSignal) =>
    apiFetch<AlertList>(`/alerts${queryString({ state: filters.state, page: filters.page, pageSize: 50 })}`, {
      signal,
    }),
  acknowledge: (input: { id: string; note: string }) =>
    apiFetch<{ record: Alert }>(`/alerts/${encodeURIComponent(input.id)}/acknowledge`, {
      method: "POST",
      body: { note: input.note },
    }),
  silences: (signal?: AbortSignal) => apiFetch<Silences>("/silences", { signal }),
  addSilence: (body: SilenceInput) => apiFetch<unknown>("/silences", { method: "POST", body }),
  endSilence: (id: string) => apiFetch<unknown>(`/silences/${encodeURIComponent(id)}`, { method: "DELETE" }),
  rules: (signal?: AbortSignal) => apiFetch<Rules>("/alert-rules", { signal }),
  addRule: (body: RuleInput) => apiFetch<{ record: Rule }>("/alert-rules", { method: "POST", body }),
  saveRule: (input: { id: string; body: RuleInput }) =>
    apiFetch<{ record: Rule }>(`/alert-rules/${encodeURIComponent(input.id)}`, { method: "PUT", body: input.body }),
  removeRule: (id: string) => apiFetch<unknown>(`/alert-rules/${encodeURIComponent(id)}`, { method: "DELETE" }),
  channels: (signal?: AbortSignal) => apiFetch<Channels>("/alert-channels", { signal }),
  addChannel: (body: ChannelInput) => apiFetch<{ record: Channel }>("/alert-channels", { method: "POST", body }),
  removeChannel: (id: string) => apiFetch<unknown>(`/alert-channels/${encodeURIComponent(id)}`, { method: "DELETE" }),
  marks: (signal?: AbortSignal) => apiFetch<Marks>("/alerts/marks", { signal }),
  setMark: (body: MarkInput) => apiFetch<Marks>("/alerts/marks", { method: "PUT", body }),
  testChannel: (id: string) =>
    apiFetch<{ notificationId: string }>(`/alert-channels/${encodeURIComponent(id)}/test`, { method: "POST" }),
};
