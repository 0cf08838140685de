// CME phone users have no local state: Linewatch never stores their passwords. A password
// reset leaves only its audit row, written alone, with no password in it.
import { recordAuditAlone, type Actor, type AuditOutcome } from "./audit";

export async function recordCmePasswordReset(
  input: { sourceId: string; router: string; userId: string; outcome: AuditOutcome; reason?: string },
  who: Actor,
): Promise<void> {
  await recordAuditAlone(who, {
    action: "cme-user.reset-password",
    target: input.userId,
    detail: { sourceId: input.sourceId, router: input.router, ...(input.reason ? { reason: input.reason } : {}) },
    outcome: input.outcome,
  });
}
