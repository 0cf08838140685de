// The time zone trends and availability reports are bucketed and labelled in. An admin can fix one
// for the organisation (so every manager's "Monday" is the same day), or leave it to each viewer's
// browser. LINEWATCH_TIME_ZONE is the default until an admin chooses here.
import { env } from "@/lib/env";
import { isTimeZone } from "@/lib/domain/trend";
import { validationFailed } from "@/lib/domain/validation";
import { readSetting } from "@/lib/db/site-settings";
import { writeOrgSetting } from "@/lib/db/org-settings";
import type { Actor } from "@/lib/db/audit";
import { log } from "@/lib/log";

const KEY = "org.timeZone";
/** Stored for "each viewer's own zone" chosen explicitly (it then overrides LINEWATCH_TIME_ZONE). */
const VIEWERS = "viewer";

export interface TimeZoneSetting {
  /** The organisation's zone; null: each viewer's own. */
  timeZone: string | null;
  /** Where it comes from: chosen by an admin, LINEWATCH_TIME_ZONE, or neither (each viewer's). */
  origin: "setting" | "environment" | "default";
}

export async function getTimeZoneSetting(): Promise<TimeZoneSetting> {
  const stored = await readSetting(KEY);
  // A zone the runtime no longer knows (an older tz database) falls back as if unset, not a 500.
  if (stored === VIEWERS) return { timeZone: null, origin: "setting" };
  if (stored && isTimeZone(stored)) return { timeZone: stored, origin: "setting" };
  if (stored) log.warn("the stored organisation time zone is unknown to this runtime; using the default", { stored });
  const fromEnv = env().timeZone;
  return fromEnv ? { timeZone: fromEnv, origin: "environment" } : { timeZone: null, origin: "default" };
}

/** Fixes the organisation's zone (null: each viewer's own), audited. */
export async function setTimeZoneSetting(timeZone: string | null, who: Actor): Promise<TimeZoneSetting> {
  if (timeZone !== null && !isTimeZone(timeZone))
    throw validationFailed([{ path: "timeZone", message: "must be an IANA time zone such as Europe/Berlin" }]);
  // Stored as the runtime names it ("asia/tokyo" is "Asia/Tokyo"): labels and buckets read the same.
  const canonical = timeZone === null ? null : new Intl.DateTimeFormat("en", { timeZone }).resolvedOptions().timeZone;
  const before = await getTimeZoneSetting();
  await writeOrgSetting(
    {
      key: KEY,
      value: canonical ?? VIEWERS,
      action: "settings.time-zone",
      detail: { from: before.timeZone ?? "each viewer's own", to: canonical ?? "each viewer's own" },
    },
    who,
  );
  return getTimeZoneSetting();
}

/** The zone a report for this viewer uses: the organisation's when fixed, else the viewer's. */
export async function reportTimeZone(viewer: string | undefined): Promise<string> {
  return (await getTimeZoneSetting()).timeZone ?? viewer ?? "UTC";
}
