// Sites: the rules that give a cluster's devices a site, the site-outage thresholds, the outage
// history, and the demo's branch WAN switch.
import { z } from "zod";
import { defineContract } from "../contract";
import { siteRuleSchema } from "@/lib/domain/site-rules";
import { outageSettingsSchema } from "@/lib/domain/outage-rule";
import { siteEventSchema } from "./inventory";
import { workStatusSchema } from "./work";

const outageSchema = outageSettingsSchema.extend({
  share: outageSettingsSchema.shape.share.describe(
    "Share of a site's phones that must leave registration within one poll window (default 0.3)",
  ),
  minPhones: outageSettingsSchema.shape.minPhones.describe("And at least this many phones (default 5)"),
});
const settingsSchema = z.object({
  rules: z
    .array(siteRuleSchema)
    .max(500)
    .describe(
      "device-pool and location rules are tried first (in their order), then the others; the first match wins. device-pool and location match the whole name ignoring case, or its start when the pattern ends in *; subnet is an IPv4 CIDR on the device's address; description-prefix and name-prefix match case-insensitively",
    ),
  outage: outageSchema,
});

/** Working out every device's site again after a save: it runs in the poll worker. */
const recomputeSchema = workStatusSchema
  .nullable()
  .describe("The latest working-out of every device's site after a save, with its progress; null: never");

export const getSiteSettings = defineContract({
  method: "GET",
  path: "/sites/settings",
  summary: "Site rules (first match wins), the site-outage thresholds, and the latest recompute's progress",
  tag: "Sites",
  permission: "viewInventory",
  response: settingsSchema.extend({ recompute: recomputeSchema }),
});

export const saveSiteSettings = defineContract({
  method: "PUT",
  path: "/sites/settings",
  summary:
    "Replace the site rules and outage thresholds; returns at once while every device's site is worked out again in the background (follow `recompute` with GET /sites/settings)",
  tag: "Sites",
  permission: "manageSources",
  body: settingsSchema,
  response: settingsSchema.extend({ recompute: recomputeSchema }),
});

export const listSiteEvents = defineContract({
  method: "GET",
  path: "/site-events",
  summary: "Site-outage hints, newest first: open ones and those that ended in the last `days` days",
  tag: "Sites",
  permission: "viewInventory",
  query: z.object({
    site: z.string().trim().min(1).max(100).optional(),
    days: z.coerce.number().int().min(1).max(90).default(30),
  }),
  response: z.object({ items: z.array(siteEventSchema) }),
});

export const demoStateSchema = z.object({
  running: z.boolean().describe("The demo fleet runs (in a live poll worker)"),
  branch: z.object({ site: z.string(), router: z.string(), wan: z.enum(["up", "cut"]) }).nullable(),
});

export const getDemo = defineContract({
  method: "GET",
  path: "/demo",
  summary: "Whether the demo fleet runs here, and its SRST branch's WAN state",
  tag: "Sites",
  permission: "viewInventory",
  response: demoStateSchema,
});

export const setBranchWan = defineContract({
  method: "POST",
  path: "/demo/branch-wan",
  summary:
    "Demo only: cut or restore the SRST branch's WAN link (its phones fall back to the branch router); seen at the next polls",
  tag: "Sites",
  permission: "manageSources",
  body: z.object({ wan: z.enum(["up", "cut"]) }),
  response: demoStateSchema,
});
