export const siteKeys = {
  all: ["sites"] as const,
  settings: () => [...siteKeys.all, "settings"] as const,
  events: (site: string | undefined) => [...siteKeys.all, "events", site ?? ""] as const,
  demo: () => [...siteKeys.all, "demo"] as const,
  timeZone: () => [...siteKeys.all, "time-zone"] as const,
  notSeenDays: () => [...siteKeys.all, "not-seen-days"] as const,
};
