// How many days a configured cluster phone may go unseen by RisPort before it reads "not seen for
// N days": one number for the organisation, audited when an admin changes it.
import "server-only";
import { DEFAULT_NOT_SEEN_DAYS, NOT_SEEN_DAYS_KEY, getNotSeenDays, writeOrgSetting } from "@/lib/db/org-settings";
import type { Actor } from "@/lib/db/audit";
import { validationFailed } from "@/lib/domain/validation";

export const NOT_SEEN_DAYS_MIN = 1;
export const NOT_SEEN_DAYS_MAX = 365;

export interface NotSeenDaysSetting {
  days: number;
  /** What applies while no admin has chosen. */
  defaultDays: number;
}

export async function getNotSeenDaysSetting(): Promise<NotSeenDaysSetting> {
  return { days: await getNotSeenDays(), defaultDays: DEFAULT_NOT_SEEN_DAYS };
}

/** Sets the threshold (a whole number of days, 1–365), audited with the value before and after. */
export async function setNotSeenDaysSetting(days: number, who: Actor): Promise<NotSeenDaysSetting> {
  if (!Number.isInteger(days) || days < NOT_SEEN_DAYS_MIN || days > NOT_SEEN_DAYS_MAX)
    throw validationFailed([
      { path: "days", message: `must be a whole number of days from ${NOT_SEEN_DAYS_MIN} to ${NOT_SEEN_DAYS_MAX}` },
    ]);
  const before = await getNotSeenDays();
  await writeOrgSetting(
    {
      key: NOT_SEEN_DAYS_KEY,
      value: JSON.stringify(days),
      action: "settings.not-seen-days",
      detail: { from: before, to: days },
    },
    who,
  );
  return getNotSeenDaysSetting();
}
