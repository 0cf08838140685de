// The site-outage rule: a share of a site's phones and a floor, both admin settings. Pure, so the
// API contract and the pages can share it.
import { z } from "zod";

export const outageSettingsSchema = z.object({
  /** Share of the site's phones that must leave "registered" within one poll window. */
  share: z.number().min(0.01).max(1).default(0.3),
  /** And at least this many phones, so a two-phone site does not raise outages. */
  minPhones: z.number().int().min(1).max(100_000).default(5),
});
export type OutageSettings = z.output<typeof outageSettingsSchema>;

export const defaultOutageSettings: OutageSettings = outageSettingsSchema.parse({});

/** Phones that must be out for a site of `phones` phones to count as an outage. */
export function outageThreshold(settings: OutageSettings, phones: number): number {
  return Math.max(settings.minPhones, Math.ceil(settings.share * phones));
}
