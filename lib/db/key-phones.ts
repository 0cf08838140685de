// Key phones in the stored inventory: a router's phones with their flag, and what a confirmed
// (or read-back) key-phone change does locally: Device.keyPhone, a "key-phone" ChangeEvent and
// the audit rows, all in one transaction.
import { db } from "./client";
import { recordAudit, type Actor, type AuditOutcome } from "./audit";

export interface StoredKeyPhone {
  name: string;
  model: string;
  protocol: string;
  description: string;
  userName: string;
  primaryDn: string;
  registrationStatus: string;
  keyPhone: boolean | null;
}

/** The router's present phones, by name. SIP phones are left out: only SCCP phones can be key phones. */
export async function listKeyPhones(sourceId: string): Promise<StoredKeyPhone[]> {
  const rows = await db().device.findMany({
    where: { sourceId, missing: false },
    select: {
      name: true,
      model: true,
      protocol: true,
      description: true,
      userName: true,
      primaryDn: true,
      registrationStatus: true,
      keyPhone: true,
    },
    orderBy: { name: "asc" },
  });
  return rows.filter((row) => row.protocol.toLowerCase() !== "sip");
}

/** Per source, how many of its present phones are key phones (sources with none are left out). */
export async function countKeyPhones(sourceIds: readonly string[]): Promise<Map<string, number>> {
  if (sourceIds.length === 0) return new Map();
  const groups = await db().device.groupBy({
    by: ["sourceId"],
    where: { sourceId: { in: [...sourceIds] }, missing: false, keyPhone: true },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.sourceId, g._count._all]));
}

export interface KeyPhoneOutcome {
  phone: string;
  /** The flag the router now has for this phone, when known (confirmed or read back). */
  keyPhone: boolean | null;
  outcome: AuditOutcome;
  /** Audit detail; never secrets. */
  detail: Record<string, unknown>;
}

const flagText = (flag: boolean | null | undefined) => (flag === null || flag === undefined ? null : String(flag));

/**
 * Writes what the router reported, after it reported it: for every phone whose flag is known and
 * differs from the stored one, Device.keyPhone and one ChangeEvent; for every phone, one audit row.
 */
export async function recordKeyPhoneOutcomes(
  input: { sourceId: string; action: string; reason: string; outcomes: readonly KeyPhoneOutcome[] },
  who: Actor,
): Promise<{ changed: number }> {
  const at = new Date();
  return db().$transaction(async (tx) => {
    let changed = 0;
    for (const item of input.outcomes) {
      if (item.keyPhone !== null) {
        const device = await tx.device.findUnique({
          where: { sourceId_name: { sourceId: input.sourceId, name: item.phone } },
          select: { id: true, keyPhone: true },
        });
        // A phone Linewatch has not stored yet still gets its timeline entry when the router confirmed it.
        const differs = device ? device.keyPhone !== item.keyPhone : item.outcome === "success";
        if (device && differs) await tx.device.update({ where: { id: device.id }, data: { keyPhone: item.keyPhone } });
        if (differs) {
          await tx.changeEvent.create({
            data: {
              at,
              sourceId: input.sourceId,
              subjectKind: "device",
              subject: item.phone,
              change: "key-phone",
              before: flagText(device?.keyPhone),
              after: flagText(item.keyPhone),
              reason: input.reason,
            },
          });
          changed++;
        }
      }
      await recordAudit(tx, who, {
        action: input.action,
        target: item.phone,
        detail: item.detail,
        outcome: item.outcome,
      });
    }
    return { changed };
  });
}
