// ISSaveConfig for the helpdesk: write the router's running configuration to NVRAM, with each
// of the router's three answers (success, fail, delay) explained in words and audited.
import "server-only";
import { DeviceError } from "@/lib/soap";
import { recordAuditAlone, type Actor, type AuditOutcome } from "@/lib/db/audit";
import { failureReason, mayHaveTakenEffect } from "./outcome";
import { openCmeRouter } from "./router";
import type { SaveConfigResult } from "@/lib/domain/cme-actions";
import { targetKey, withTargetLocks } from "./target-lock";

export const SAVE_CONFIG_WORDS = {
  saved: "Saved to NVRAM: the router will start with this configuration.",
  delayed: "Another terminal session is open on the router; it will save later, once that session closes.",
  failed:
    "The router could not save the configuration to NVRAM. Nothing was saved; try again, or check the router's console.",
  unknown: "Outcome unknown: the router did not answer in time. Saving again is harmless.",
} as const;

export async function saveRouterConfig(sourceId: string, who: Actor): Promise<SaveConfigResult> {
  const busy = "Saving this router's configuration is already in progress; wait for it to finish.";
  return withTargetLocks([targetKey(sourceId, "config", "save")], busy, async () => {
    const { router, client } = await openCmeRouter(sourceId);
    const audit = (result: SaveConfigResult["result"], outcome: AuditOutcome, reason?: string) =>
      recordAuditAlone(who, {
        action: "cme.save-config",
        target: router.name,
        detail: { sourceId, result, ...(reason ? { reason } : {}) },
        outcome,
      });
    try {
      const saved = await client.saveConfig();
      await audit(saved, "success");
      return { result: saved, outcome: "success", message: SAVE_CONFIG_WORDS[saved] };
    } catch (error) {
      if (error instanceof DeviceError) {
        await audit("failed", "failure");
        return { result: "failed", outcome: "failure", message: SAVE_CONFIG_WORDS.failed };
      }
      if (mayHaveTakenEffect(error)) {
        await audit("unknown", "unknown", failureReason(error));
        return { result: "unknown", outcome: "unknown", message: SAVE_CONFIG_WORDS.unknown };
      }
      await audit("failed", "failure", failureReason(error));
      throw error;
    }
  });
}
