// The names the OpenAPI document gives the API's schemas. Each one becomes a components/schemas entry
// that operations reference with $ref, so a client generated from the document has named types.
// Listed here rather than in the contracts, which stay plain zod.
import { z } from "zod";
import { errorEnvelopeSchema } from "./envelope";
import { alertSchema, channelSchema, listAlerts, markSchema, ruleSchema, silenceSchema } from "./contracts/alerts";
import { auditEventSchema, listAudit } from "./contracts/audit";
import {
  ctiAppRowSchema,
  effectiveCountsSchema,
  extensionRowSchema,
  getOverview,
  getPhone,
  listCtiApps,
  listExtensions,
  listPhones,
  phoneChangeSchema,
  phoneRecordSchema,
  phoneRowSchema,
  siteEventSchema,
  sourceStateSchema,
  statusCountsSchema,
} from "./contracts/inventory";
import { phoneRefreshResultSchema } from "./contracts/phone-refresh";
import { pollerSchema } from "./contracts/poller";
import { pollSummarySchema } from "./contracts/polls";
import { demoStateSchema } from "./contracts/sites";
import { sourceSchema } from "./contracts/sources";
import { tokenSchema } from "./contracts/tokens";
import { userSchema } from "./contracts/users";
import { workStatusSchema } from "./contracts/work";
import { connectionTestResultSchema } from "@/lib/domain/source-test-result";
import { siteRuleSchema } from "@/lib/domain/site-rules";

/**
 * Name -> the very schema object the contracts use (a copy made by .describe() or .extend() is
 * another schema and stays inline). A paged list is named `<Thing>Page`: its items plus the paging.
 */
export const namedSchemas = {
  Error: errorEnvelopeSchema,
  Phone: phoneRowSchema,
  PhonePage: listPhones.response,
  PhoneRecord: phoneRecordSchema,
  PhoneChange: phoneChangeSchema,
  PhoneDetail: getPhone.response,
  PhoneRefreshResult: phoneRefreshResultSchema,
  Extension: extensionRowSchema,
  ExtensionPage: listExtensions.response,
  CtiApp: ctiAppRowSchema,
  CtiAppPage: listCtiApps.response,
  Overview: getOverview.response,
  StatusCounts: statusCountsSchema,
  EffectiveCounts: effectiveCountsSchema,
  SiteEvent: siteEventSchema,
  SourceState: sourceStateSchema,
  Source: sourceSchema,
  ConnectionTestResult: connectionTestResultSchema,
  PollSummary: pollSummarySchema,
  Poller: pollerSchema,
  WorkStatus: workStatusSchema,
  SiteRule: siteRuleSchema,
  DemoState: demoStateSchema,
  Alert: alertSchema,
  AlertPage: listAlerts.response,
  AlertRule: ruleSchema,
  AlertChannel: channelSchema,
  AlertMark: markSchema,
  Silence: silenceSchema,
  User: userSchema,
  Token: tokenSchema,
  AuditEvent: auditEventSchema,
  AuditEventPage: listAudit.response,
} satisfies Record<string, z.ZodType>;

/**
 * The ids above on top of the global registry's metadata, where `.describe()` keeps descriptions:
 * zod's JSON Schema conversion reads one registry, and with ours alone it would drop them.
 */
class SchemaNames extends z.core.$ZodRegistry<z.core.GlobalMeta> {
  override get<S extends z.core.$ZodType>(schema: S) {
    const own = super.get(schema);
    const global = z.globalRegistry.get(schema);
    return own || global ? { ...global, ...own } : undefined;
  }
}

export const schemaNames = new SchemaNames();
for (const [id, schema] of Object.entries(namedSchemas)) schemaNames.add(schema, { id });
