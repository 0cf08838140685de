// The append-only audit trail: written inside the same transaction as the change it records,
// with secrets masked before they reach the row.
import type { Prisma } from "./generated/sqlite/client";
import { db, type Tx } from "./client";
import { maskSecrets } from "@/lib/mask";
import { parseJsonObject } from "@/lib/domain/json";

export { maskSecrets };

/** Who is acting: a signed-in user, an API token, the CLI or Linewatch itself. */
export interface Actor {
  actor: string;
  actorId?: string | null;
  requestId?: string | null;
  ip?: string | null;
}

export type AuditOutcome = "success" | "failure" | "unknown";

export interface AuditEntry {
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
  outcome: AuditOutcome;
}

export async function recordAudit(tx: Tx, who: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: who.actor,
      actorId: who.actorId ?? null,
      requestId: who.requestId ?? null,
      ip: who.ip ?? null,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(maskSecrets(entry.detail ?? {})),
      outcome: entry.outcome,
    },
  });
}

/** For events with no other state change (a refused sign-in, a failed router call). */
export async function recordAuditAlone(who: Actor, entry: AuditEntry): Promise<void> {
  await recordAudit(db() as unknown as Tx, who, entry);
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export const auditSelect = {
  id: true,
  at: true,
  actor: true,
  action: true,
  target: true,
  detail: true,
  outcome: true,
  requestId: true,
  ip: true,
} as const;

/** The list's filter, shared with the export's windows (lib/db/audit-export.ts). */
export function auditWhere(query: Omit<AuditQuery, "page" | "pageSize">): Prisma.AuditEventWhereInput {
  return {
    ...(query.actor ? { actor: { contains: query.actor } } : {}),
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.target ? { target: { contains: query.target } } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.from || query.to
      ? { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
      : {}),
  };
}

/** `total: false` skips the count (an export's windows do not need it). */
export async function listAudit(query: AuditQuery, options: { total?: boolean } = {}) {
  const where = auditWhere(query);
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({
      where,
      select: auditSelect,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    options.total === false ? Promise.resolve(0) : db().auditEvent.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...r, detail: parseJsonObject(r.detail) })), total };
}
