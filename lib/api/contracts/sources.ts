import { z } from "zod";
import { defineContract } from "../contract";
import { idParams } from "./shared";
import {
  sourceCreateSchema,
  sourceFields,
  sourceInputSchema,
  sourceKindSchema,
  sourceRecordSchema,
  sourceRuleIssues,
  sourceUpdateSchema,
} from "@/lib/domain/source";
import { healthStatusSchema } from "@/lib/domain/health";
import { connectionTestResultSchema } from "@/lib/domain/source-test-result";

const time = z.string().nullable();

/** A source as anyone with inventory access sees it: the stored record (never the password) with ISO dates, its health, completeness and budget. */
export const sourceSchema = sourceRecordSchema.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  health: z.object({
    status: healthStatusSchema,
    lastAttemptAt: time,
    lastSuccessAt: time,
    consecutiveFailures: z.number(),
    /** The last poll's failure in plain words. */
    lastError: z.string().nullable(),
    nextPollAt: time,
    /** The last good poll is older than two poll intervals. */
    stale: z.boolean(),
    staleSince: time,
  }),
  /** The latest poll that read the source: whether it read every device, and why not (node down, slice still cut, budget spent). */
  completeness: z.object({ at: z.string(), complete: z.boolean(), reason: z.string().nullable() }).nullable(),
  /** Clusters with AXL: the configured inventory's last full read, its device count and the last read's error. */
  configured: z
    .object({ readAt: time, count: z.number().nullable(), error: z.string().nullable(), requested: z.boolean() })
    .nullable(),
  /** Clusters: RisPort requests granted in the last minute against Linewatch's share of the budget. */
  budget: z.object({ limit: z.number(), used: z.number(), pausedUntil: time }).nullable(),
});

const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const listSources = defineContract({
  method: "GET",
  path: "/sources",
  summary: "List routers and clusters with their poll health (never passwords)",
  tag: "Sources",
  permission: "viewInventory",
  query: z.object({ kind: sourceKindSchema.optional(), enabled: booleanQuery.optional() }),
  response: z.object({ items: z.array(sourceSchema) }),
});

export const createSource = defineContract({
  method: "POST",
  path: "/sources",
  summary: "Add a router (cme) or cluster (cucm); the first real source removes the demo sources",
  tag: "Sources",
  permission: "manageSources",
  body: sourceCreateSchema.strict(),
  response: z.object({ source: sourceSchema }),
  status: 201,
});

export const getSource = defineContract({
  method: "GET",
  path: "/sources/{id}",
  summary: "One source with its poll health",
  tag: "Sources",
  permission: "viewInventory",
  params: idParams,
  response: z.object({ source: sourceSchema }),
});

export const updateSource = defineContract({
  method: "PATCH",
  path: "/sources/{id}",
  summary:
    "Change a source (the kind stays); leave out the password to keep it. Address, user, password or TLS changes bump settingsVersion",
  tag: "Sources",
  permission: "manageSources",
  params: idParams,
  body: sourceUpdateSchema.refine((b) => Object.keys(b).length > 0, "change at least one field"),
  response: z.object({ source: sourceSchema }),
});

export const deleteSource = defineContract({
  method: "DELETE",
  path: "/sources/{id}",
  summary: "Remove a source with everything polled from it",
  tag: "Sources",
  permission: "manageSources",
  params: idParams,
  response: z.object({ ok: z.literal(true), name: z.string() }),
});

export const testSource = defineContract({
  method: "POST",
  path: "/sources/{id}/test",
  summary:
    "Test a saved source: ISgetGlobal for a router, a one-device RisPort query for a cluster (uses one request of its budget)",
  tag: "Sources",
  permission: "manageSources",
  params: idParams,
  response: connectionTestResultSchema,
});

/** Form values before saving; without a password, the stored one of `sourceId` (same addresses only). */
export const sourceTestBodySchema = sourceInputSchema
  .omit({ password: true, enabled: true, pollIntervalS: true, site: true })
  .extend({
    password: sourceFields.password.optional(),
    sourceId: z.string().min(1).max(64).optional(),
    site: sourceFields.site.optional(),
    pollIntervalS: sourceFields.pollIntervalS.optional(),
    enabled: sourceFields.enabled.optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    for (const issue of sourceRuleIssues(source))
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

export const testSourceSettings = defineContract({
  method: "POST",
  path: "/sources/test",
  summary: "Test unsaved source settings (the add or edit form) before saving",
  tag: "Sources",
  permission: "manageSources",
  body: sourceTestBodySchema,
  response: connectionTestResultSchema,
});
