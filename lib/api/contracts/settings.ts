// Organisation-wide settings: the time zone trends and availability reports use, and the days after
// which a configured cluster phone RisPort has not seen reads as not seen.
import { z } from "zod";
import { defineContract } from "../contract";
import { isTimeZone } from "@/lib/domain/trend";

const timeZoneSettingSchema = z.object({
  timeZone: z
    .string()
    .nullable()
    .describe("The organisation's IANA zone for trends and availability reports; null: each viewer's own"),
  origin: z
    .enum(["setting", "environment", "default"])
    .describe("Chosen by an admin here, LINEWATCH_TIME_ZONE (the default until an admin chooses), or neither"),
});

export const getTimeZone = defineContract({
  method: "GET",
  path: "/settings/time-zone",
  summary: "The time zone trends and availability reports are bucketed and labelled in",
  tag: "Settings",
  permission: "viewInventory",
  response: timeZoneSettingSchema,
});

export const setTimeZone = defineContract({
  method: "PUT",
  path: "/settings/time-zone",
  summary: "Fix the organisation's time zone for trends and reports, or null for each viewer's own (audited)",
  tag: "Settings",
  permission: "manageSources",
  body: z.object({
    timeZone: z
      .string()
      .trim()
      .max(64)
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin or America/Chicago")
      .nullable(),
  }),
  response: timeZoneSettingSchema,
});

const notSeenDaysSettingSchema = z.object({
  days: z
    .number()
    .int()
    .describe("Days a configured cluster phone (AXL) may go unseen by RisPort before it reads not-seen"),
  defaultDays: z.number().int().describe("What applies until an admin chooses"),
});

export const getNotSeenDays = defineContract({
  method: "GET",
  path: "/settings/not-seen-days",
  summary: "How many days a configured cluster phone RisPort has not seen reads as not seen",
  tag: "Settings",
  permission: "viewInventory",
  response: notSeenDaysSettingSchema,
});

export const setNotSeenDays = defineContract({
  method: "PUT",
  path: "/settings/not-seen-days",
  summary:
    "Set the days (1 to 365) after which a configured cluster phone RisPort has not seen reads as not seen (audited)",
  tag: "Settings",
  permission: "manageSources",
  body: z.object({
    days: z.number().int("must be a whole number of days").min(1, "at least 1 day").max(365, "at most 365 days"),
  }),
  response: notSeenDaysSettingSchema,
});
