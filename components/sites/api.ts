// Typed fetchers for sites: rules and thresholds, outage history, the demo branch's WAN.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { getDemo, getSiteSettings, listSiteEvents, saveSiteSettings } from "@/lib/api/contracts/sites";
import type { getNotSeenDays, getTimeZone } from "@/lib/api/contracts/settings";

export type SiteSettings = z.infer<typeof getSiteSettings.response>;
export type SiteSettingsInput = z.input<typeof saveSiteSettings.body>;
export type SiteEvents = z.infer<typeof listSiteEvents.response>;
export type DemoState = z.infer<typeof getDemo.response>;
export type TimeZoneSetting = z.infer<typeof getTimeZone.response>;
export type NotSeenDaysSetting = z.infer<typeof getNotSeenDays.response>;

export const sitesApi = {
  settings: (signal?: AbortSignal) => apiFetch<SiteSettings>("/sites/settings", { signal }),
  saveSettings: (body: SiteSettingsInput) => apiFetch<SiteSettings>("/sites/settings", { method: "PUT", body }),
  events: (site: string | undefined, signal?: AbortSignal) =>
    apiFetch<SiteEvents>(`/site-events${queryString({ site, days: 30 })}`, { signal }),
  demo: (signal?: AbortSignal) => apiFetch<DemoState>("/demo", { signal }),
  setWan: (wan: "up" | "cut") => apiFetch<DemoState>("/demo/branch-wan", { method: "POST", body: { wan } }),
  timeZone: (signal?: AbortSignal) => apiFetch<TimeZoneSetting>("/settings/time-zone", { signal }),
  setTimeZone: (timeZone: string | null) =>
    apiFetch<TimeZoneSetting>("/settings/time-zone", { method: "PUT", body: { timeZone } }),
  notSeenDays: (signal?: AbortSignal) => apiFetch<NotSeenDaysSetting>("/settings/not-seen-days", { signal }),
  setNotSeenDays: (days: number) =>
    apiFetch<NotSeenDaysSetting>("/settings/not-seen-days", { method: "PUT", body: { days } }),
};
