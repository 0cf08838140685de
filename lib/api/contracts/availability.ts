// The monthly availability report: per site and per source, as a page and CSV.
import { z } from "zod";
import { defineContract } from "../contract";
import { csvBom } from "./inventory";
import { MONTH_PATTERN } from "@/lib/domain/availability";
import { isTimeZone } from "@/lib/domain/trend";

const share = z.number().nullable();
const figures = {
  available: share.describe(
    "Share of the month's sampled phone-minutes registered (on the cluster, or in fallback on the branch router), 0..1; null: no data",
  ),
  inFallback: share.describe("Share of phone-minutes in fallback (included in available)"),
  phoneHours: z.number().describe("Phone-hours sampled"),
  coveredHours: z.number().describe("Hours of the month Linewatch sampled (gaps are Linewatch not running)"),
};

export const getAvailability = defineContract({
  method: "GET",
  path: "/availability",
  summary:
    "A month's availability per site and per source (phones only): registered share of phone-minutes, the worst hours and the outages of one scope (format=csv: the table)",
  tag: "Inventory",
  permission: "viewInventory",
  shared: true,
  query: z.object({
    month: z.string().regex(MONTH_PATTERN, "month is YYYY-MM, e.g. 2026-11").optional().describe("Default: this month"),
    tz: z
      .string()
      .max(64)
      .refine(isTimeZone, "tz must be an IANA time zone such as Europe/Berlin or America/Chicago")
      .optional()
      .describe("The month's days start at this zone's midnight (LINEWATCH_TIME_ZONE, when set, wins); default UTC"),
    scope: z
      .string()
      .max(250)
      .regex(/^(fleet|site:.*|source:.+)$/, "scope is fleet, site:<site> or source:<source id>")
      .default("fleet")
      .describe("Whose worst hours and outages the detail holds"),
    format: z.enum(["json", "csv"]).default("json"),
    bom: csvBom,
  }),
  response: z.object({
    month: z.string(),
    timeZone: z.string(),
    from: z.string(),
    to: z.string(),
    hoursInMonth: z.number(),
    rows: z.array(
      z.object({ scope: z.string(), kind: z.enum(["fleet", "site", "source"]), name: z.string(), ...figures }),
    ),
    detail: z.object({
      scope: z.string(),
      name: z.string(),
      ...figures,
      worstHours: z
        .array(z.object({ at: z.string().describe("The hour's start"), share: z.number() }))
        .describe("The hours with the lowest registered share, worst first"),
      outages: z
        .array(
          z.object({
            startedAt: z.string(),
            endedAt: z.string().nullable().describe("null: still going on"),
            minutes: z.number().describe("Within the month"),
            what: z.string(),
          }),
        )
        .describe("Site-outage events (fleet, site) or runs of failed polls (source) within the month"),
    }),
  }),
  alsoProduces: ["text/csv"],
});
