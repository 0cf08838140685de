// Phone restarts and resets: the stored record that says the source has the phone (and, on a
// router, names its ephone or pool tag), and the audit trail, which is also the per-source count
// the restart cap reads (so every web instance counts the same restarts).
import { db } from "./client";
import { recordAuditAlone, type Actor, type AuditOutcome } from "./audit";

export const PHONE_RESTART_ACTION = "phone.restart";

export interface StoredPhone {
  /** As the source reported it (a cluster may keep lower or mixed case). */
  name: string;
  protocol: string;
  deviceClass: string;
  detail: string;
  missing: boolean;
}

/**
 * The source's record of a phone: its protocol, class and the stored detail holding a router's
 * tag. The name as given first, else upper-cased (how CME and most clusters spell names).
 */
export async function storedPhoneRecord(sourceId: string, name: string): Promise<StoredPhone | null> {
  const select = { name: true, protocol: true, deviceClass: true, detail: true, missing: true } as const;
  const exact = await db().device.findUnique({ where: { sourceId_name: { sourceId, name } }, select });
  if (exact || name === name.toUpperCase()) return exact;
  return db().device.findUnique({ where: { sourceId_name: { sourceId, name: name.toUpperCase() } }, select });
}

/** Restarts asked of this source since `since` (any outcome: each reached the source or tried to). */
export async function countRestartsSince(sourceId: string, since: Date): Promise<number> {
  return db().auditEvent.count({
    where: {
      action: PHONE_RESTART_ACTION,
      at: { gte: since },
      detail: { contains: `"sourceId":${JSON.stringify(sourceId)}` },
    },
  });
}

export interface PhoneRestartEntry {
  sourceId: string;
  sourceKind: "cme" | "cucm";
  /** The router's or cluster's name, kept as `router` or `cluster` in the detail. */
  sourceName: string;
  phone: string;
  kind: string;
  outcome: AuditOutcome;
  reason?: string;
}

export async function recordPhoneRestart(input: PhoneRestartEntry, who: Actor): Promise<void> {
  await recordAuditAlone(who, {
    action: PHONE_RESTART_ACTION,
    target: input.phone,
    detail: {
      sourceId: input.sourceId,
      sourceKind: input.sourceKind,
      [input.sourceKind === "cme" ? "router" : "cluster"]: input.sourceName,
      kind: input.kind,
      ...(input.reason ? { reason: input.reason } : {}),
    },
    outcome: input.outcome,
  });
}
