// Alerts: the alert list and acknowledge (helpdesk), silences (maintenance windows), rules and
// notification channels (admin; channel secrets are write-only), and "send test".
import { z } from "zod";
import { defineContract } from "../contract";
import { idParams, isoDate, okResponse, pageQuery } from "./shared";
import { ruleInputSchema, ruleKinds, severities } from "@/lib/domain/alert-rules";
import { channelInputSchema, channelKinds } from "@/lib/domain/alert-channels";

export const alertSchema = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  subject: z.string().describe('"site:<site>", "fleet", "source:<id>", "device:<name>" or "cti:<source>:<app>"'),
  state: z.enum(["firing", "resolved"]),
  severity: z.string(),
  site: z.string(),
  summary: z.string(),
  detail: z.record(z.string(), z.unknown()).describe("What is affected"),
  startedAt: z.string().describe("When the condition began"),
  firedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  durationMinutes: z.number().int(),
  acknowledged: z.object({ at: z.string(), by: z.string(), note: z.string() }).nullable(),
  silenced: z.boolean().describe("A silence muted its notifications"),
});

export const listAlerts = defineContract({
  method: "GET",
  path: "/alerts",
  summary: "Alerts: open (firing) ones first, newest first; state=resolved for history",
  tag: "Alerts",
  permission: "viewInventory",
  query: z.object({
    state: z.enum(["open", "resolved", "all"]).default("all"),
    site: z.string().trim().min(1).max(100).optional(),
    ...pageQuery,
  }),
  response: z.object({ items: z.array(alertSchema), total: z.number().int() }),
});

export const acknowledgeAlert = defineContract({
  method: "POST",
  path: "/alerts/{id}/acknowledge",
  summary: "Acknowledge a firing alert (who, when, note): it stops repeating",
  tag: "Alerts",
  permission: "acknowledgeAlerts",
  params: idParams,
  body: z.object({ note: z.string().trim().max(1000).default("") }),
  response: z.object({ record: alertSchema }),
});

export const silenceSchema = z.object({
  id: z.string(),
  ruleId: z.string().nullable(),
  site: z.string().nullable(),
  subject: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  active: z.boolean(),
});

export const listSilences = defineContract({
  method: "GET",
  path: "/silences",
  summary: "Silences that are active, to come, or ended in the last 7 days",
  tag: "Alerts",
  permission: "viewInventory",
  response: z.object({ items: z.array(silenceSchema) }),
});

export const createSilence = defineContract({
  method: "POST",
  path: "/silences",
  summary:
    "Silence alerts matching every given field (rule, site, subject) from startsAt (default now) to endsAt: they are recorded, not sent",
  tag: "Alerts",
  permission: "acknowledgeAlerts",
  body: z.object({
    ruleId: z.string().min(1).max(64).optional(),
    site: z.string().trim().min(1).max(100).optional(),
    subject: z.string().trim().min(1).max(300).optional(),
    startsAt: isoDate.optional(),
    endsAt: isoDate,
    reason: z.string().trim().min(1).max(500),
  }),
  response: z.object({ record: silenceSchema }),
  status: 201,
});

export const endSilence = defineContract({
  method: "DELETE",
  path: "/silences/{id}",
  summary: "End a silence now",
  tag: "Alerts",
  permission: "acknowledgeAlerts",
  params: idParams,
  response: okResponse,
});

export const ruleSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ruleKinds),
  enabled: z.boolean(),
  severity: z.enum(severities),
  params: z.record(z.string(), z.unknown()),
  forSeconds: z.number().int(),
  repeatSeconds: z.number().int(),
  channelIds: z.array(z.string()),
  updatedAt: z.string(),
});

export const listAlertRules = defineContract({
  method: "GET",
  path: "/alert-rules",
  summary: "Alert rules",
  tag: "Alerts",
  permission: "viewInventory",
  response: z.object({ items: z.array(ruleSchema) }),
});

export const createAlertRule = defineContract({
  method: "POST",
  path: "/alert-rules",
  summary: "Add an alert rule (site-outage, registration-drop, source-health, key-phone, cti-app, flapping)",
  tag: "Alerts",
  permission: "manageAlerts",
  body: ruleInputSchema,
  response: z.object({ record: ruleSchema }),
  status: 201,
});

export const updateAlertRule = defineContract({
  method: "PUT",
  path: "/alert-rules/{id}",
  summary: "Replace an alert rule",
  tag: "Alerts",
  permission: "manageAlerts",
  params: idParams,
  body: ruleInputSchema,
  response: z.object({ record: ruleSchema }),
});

export const deleteAlertRule = defineContract({
  method: "DELETE",
  path: "/alert-rules/{id}",
  summary: "Remove an alert rule and its alerts",
  tag: "Alerts",
  permission: "manageAlerts",
  params: idParams,
  response: okResponse,
});

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(channelKinds),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).describe("Settings that are not secret; webhook URLs show only their host"),
  hasSecrets: z.boolean(),
  health: z.object({
    lastAttemptAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    pending: z.number().int().describe("Notifications waiting in the outbox"),
  }),
});

export const listAlertChannels = defineContract({
  method: "GET",
  path: "/alert-channels",
  summary: "Notification channels with their delivery health",
  tag: "Alerts",
  permission: "manageAlerts",
  response: z.object({ items: z.array(channelSchema) }),
});

export const createAlertChannel = defineContract({
  method: "POST",
  path: "/alert-channels",
  summary:
    "Add a channel: email (SMTP), webhook (generic JSON signed with HMAC-SHA256), slack, teams or syslog (RFC 5424); secrets are sealed and write-only",
  tag: "Alerts",
  permission: "manageAlerts",
  body: channelInputSchema,
  response: z.object({ record: channelSchema }),
  status: 201,
});

export const updateAlertChannel = defineContract({
  method: "PUT",
  path: "/alert-channels/{id}",
  summary: "Replace a channel's settings; secrets left out keep their stored value",
  tag: "Alerts",
  permission: "manageAlerts",
  params: idParams,
  body: channelInputSchema,
  response: z.object({ record: channelSchema }),
});

export const deleteAlertChannel = defineContract({
  method: "DELETE",
  path: "/alert-channels/{id}",
  summary: "Remove a channel and its undelivered notifications",
  tag: "Alerts",
  permission: "manageAlerts",
  params: idParams,
  response: okResponse,
});

export const testAlertChannel = defineContract({
  method: "POST",
  path: "/alert-channels/{id}/test",
  summary: "Send a test message through the outbox; the channel's health shows the outcome",
  tag: "Alerts",
  permission: "manageAlerts",
  params: idParams,
  response: z.object({ notificationId: z.string() }),
  status: 202,
});

export const markSchema = z.object({
  kind: z.enum(["device", "model"]),
  name: z.string().trim().min(1).max(200).describe("Device name (SEP…) or model, as Linewatch lists it"),
  critical: z.boolean().describe("Watched like a key phone (lobby, emergency, lift phones)"),
  notAlerting: z.boolean().describe("Left out of every alert rule"),
});

export const listAlertMarks = defineContract({
  method: "GET",
  path: "/alerts/marks",
  summary: "Devices and models marked critical or not alerting",
  tag: "Alerts",
  permission: "viewInventory",
  response: z.object({ items: z.array(markSchema) }),
});

export const setAlertMark = defineContract({
  method: "PUT",
  path: "/alerts/marks",
  summary: "Mark a device or model critical and/or not alerting (both false removes the mark)",
  tag: "Alerts",
  permission: "manageAlerts",
  body: markSchema,
  response: z.object({ items: z.array(markSchema) }),
});
