// Phone restarts and resets: the stored record that names the phone's ephone or pool tag, and
// the audit trail, which is also the per-router count the restart cap reads (so every web
// instance counts the same restarts).
import { db } from "./client";
import { recordAuditAlone, type Actor, type AuditOutcome } from "./audit";

export const PHONE_RESTART_ACTION = "phone.restart";

/** The router's record of a phone: its protocol and the stored detail holding its tag. */
export async function cmePhoneRecord(
  sourceId: string,
  name: string,
): Promise<{ name: string; protocol: string; detail: string; missing: boolean } | null> {
  return db().device.findUnique({
    where: { sourceId_name: { sourceId, name } },
    select: { name: true, protocol: true, detail: true, missing: true },
  });
}

/** Restarts asked of this router since `since` (any outcome: each reached the router or tried to). */
export async function countRestartsSince(sourceId: string, since: Date): Promise<number> {
  return db().auditEvent.count({
    where: {
      action: PHONE_RESTART_ACTION,
      at: { gte: since },
      detail: { contains: `"sourceId":${JSON.stringify(sourceId)}` },
    },
  });
}

export async function recordPhoneRestart(
  input: { sourceId: string; router: string; phone: string; kind: string; outcome: AuditOutcome; reason?: string },
  who: Actor,
): Promise<void> {
  await recordAuditAlone(who, {
    action: PHONE_RESTART_ACTION,
    target: input.phone,
    detail: {
      sourceId: input.sourceId,
      router: input.router,
      kind: input.kind,
      ...(input.reason ? { reason: input.reason } : {}),
    },
    outcome: input.outcome,
  });
}
