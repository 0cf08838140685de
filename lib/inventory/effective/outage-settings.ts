// The stored site-outage thresholds (defaults until an admin saves them).
import { readSetting } from "@/lib/db/site-settings";
import { parseJson } from "@/lib/domain/json";
import { defaultOutageSettings, outageSettingsSchema, type OutageSettings } from "@/lib/domain/outage-rule";

export { outageThreshold, type OutageSettings } from "@/lib/domain/outage-rule";

export const OUTAGE_SETTING_KEY = "siteOutage";

export async function readOutageSettings(): Promise<OutageSettings> {
  const text = await readSetting(OUTAGE_SETTING_KEY);
  if (!text) return defaultOutageSettings;
  const parsed = outageSettingsSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : defaultOutageSettings;
}
