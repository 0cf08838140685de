import { z } from "zod";
import { csvBom } from "./inventory";
import { defineContract } from "../contract";
import { pageQuery } from "./shared";

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  outcome: z.enum(["success", "failure", "unknown"]),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const listAudit = defineContract({
  method: "GET",
  path: "/audit",
  summary: "The audit trail, newest first, filtered and paged (format=csv exports the filtered rows)",
  tag: "Audit",
  permission: "viewAudit",
  query: z.object({
    actor: z.string().max(320).optional(),
    action: z.string().max(100).optional(),
    target: z.string().max(320).optional(),
    outcome: z.enum(["success", "failure", "unknown"]).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    format: z.enum(["json", "csv"]).default("json"),
    bom: csvBom,
    ...pageQuery,
  }),
  response: z.object({ items: z.array(auditEventSchema), page: z.number(), pageSize: z.number(), total: z.number() }),
  alsoProduces: ["text/csv"],
});
