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
