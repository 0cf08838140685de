// Refresh now: one phone read again from every source that reports it (one router request or one
// RisPort lookup per source, never waiting for a cluster's budget), stored as a poll would.
import { z } from "zod";
import { defineContract } from "../contract";

export const phoneRefreshResultSchema = z.object({
  sourceId: z.string(),
  sourceName: z.string(),
  kind: z.enum(["cme", "cucm"]),
  outcome: z
    .enum(["updated", "unchanged", "not-found", "budget-spent", "failed"])
    .describe("budget-spent: nothing was sent, the cluster's RisPort budget is used up until nextSlotAt"),
  message: z.string().describe("What happened, in plain words"),
  registrationStatus: z.string().optional().describe("The status the source reported now"),
  budget: z
    .object({
      remaining: z.number().int().describe("RisPort requests this product may still send in the current minute"),
      nextSlotAt: z
        .string()
        .optional()
        .describe("When the next RisPort request may go (ISO time), when the budget is spent"),
    })
    .optional(),
});

export const refreshPhone = defineContract({
  method: "POST",
  path: "/phones/{name}/refresh",
  summary:
    "Read one phone again now from every source that reports it (spends one request of each cluster's RisPort budget) and store what changed",
  tag: "Inventory",
  permission: "pollNow",
  params: z.object({ name: z.string().trim().min(1).max(100) }),
  response: z.object({ name: z.string(), results: z.array(phoneRefreshResultSchema) }),
});
