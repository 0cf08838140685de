// Organisation-wide settings kept in the Setting table, each written with its audit row.
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";

/** Writes one setting and its audit row together. */
export async function writeOrgSetting(
  input: { key: string; value: string; action: string; detail: Record<string, unknown> },
  who: Actor,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: input.key },
      create: { key: input.key, value: input.value },
      update: { value: input.value },
    });
    await recordAudit(tx, who, { action: input.action, target: input.key, outcome: "success", detail: input.detail });
  });
}

/** Setting key: days a configured cluster device may go unseen by RisPort before it reads "not seen for N days". */
export const NOT_SEEN_DAYS_KEY = "inventory.notSeenDays";
export const DEFAULT_NOT_SEEN_DAYS = 30;

/** The organisation's "not seen for N days" threshold (1–365; the default when unset or unreadable). */
export async function getNotSeenDays(): Promise<number> {
  const row = await db().setting.findUnique({ where: { key: NOT_SEEN_DAYS_KEY }, select: { value: true } });
  let value = Number.NaN;
  try {
    value = row ? Number(JSON.parse(row.value)) : Number.NaN;
  } catch {
    // unreadable: the default
  }
  return Number.isInteger(value) && value >= 1 && value <= 365 ? value : DEFAULT_NOT_SEEN_DAYS;
}
