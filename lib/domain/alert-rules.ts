// Alert rule kinds and their parameters: one zod schema per kind, so the API, the admin form and
// the evaluator read the same shape. Stored as JSON in AlertRule.params.
import { z } from "zod";

export const ruleKinds = [
  "site-outage",
  "registration-drop",
  "source-health",
  "key-phone",
  "cti-app",
  "flapping",
] as const;
export type RuleKind = (typeof ruleKinds)[number];
export const severities = ["critical", "warning", "info"] as const;
export type Severity = (typeof severities)[number];

/** Soft clients sign off daily: left out of drop rules unless a rule says otherwise. */
export const SOFT_CLIENT_MODELS = [
  "Cisco Unified Client Services Framework",
  "Cisco Dual Mode",
  "Cisco Jabber",
  "BOT",
  "TCT",
  "TAB",
  "CSF",
] as const;

export function isSoftClient(model: string, name = ""): boolean {
  const m = model.toLowerCase();
  if (SOFT_CLIENT_MODELS.some((s) => s.length > 3 && m.includes(s.toLowerCase()))) return true;
  // Jabber device names: CSF<user>, BOT<user>, TCT<user>, TAB<user>.
  return /^(csf|bot|tct|tab)[a-z0-9_.-]/i.test(name) || /^(bot|tct|tab|csf)$/i.test(model.trim());
}

const names = z.array(z.string().trim().min(1).max(200)).max(200).default([]);

/** Empty lists match everything. */
export const scopeSchema = z.object({
  sites: names.describe("Only these sites"),
  sources: names.describe("Only these sources (names)"),
  models: names.describe("Only these phone models"),
  deviceClasses: names.describe("Only these device classes (Phone, CTI port, ...)"),
});
export type RuleScope = z.infer<typeof scopeSchema>;

export const paramsSchemas = {
  "site-outage": z.object({}),
  "registration-drop": z.object({
    dropPoints: z.number().min(1).max(100).default(10).describe("Percentage points the registered share must fall"),
    windowMinutes: z.number().int().min(1).max(1440).default(15),
    scope: z.enum(["fleet", "site"]).default("fleet").describe("The whole fleet, or each site on its own"),
    includeSoftClients: z.boolean().default(false),
    minPhones: z.number().int().min(1).max(100_000).default(5).describe("Scopes with fewer phones are not judged"),
  }),
  "source-health": z.object({
    conditions: z
      .array(z.enum(["unreachable", "auth-failed", "stale", "incomplete"]))
      .min(1)
      .default(["unreachable", "auth-failed", "stale"]),
  }),
  "key-phone": z.object({
    includeCritical: z.boolean().default(true).describe("Also devices an admin marked critical"),
  }),
  "cti-app": z.object({
    statuses: z
      .array(z.enum(["open-failed", "closed"]))
      .min(1)
      .default(["open-failed"]),
  }),
  flapping: z.object({ changesPerHour: z.number().int().min(2).max(1000).default(6) }),
} as const satisfies Record<RuleKind, z.ZodType>;

export type RuleParams<K extends RuleKind = RuleKind> = z.output<(typeof paramsSchemas)[K]>;

/** Rule params with the scope filter: parsed once, defaults filled. */
export function parseRuleParams(kind: RuleKind, raw: unknown): { params: Record<string, unknown>; scope: RuleScope } {
  const input = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const params = (paramsSchemas[kind] as z.ZodType<Record<string, unknown>>).parse(input);
  const scope = scopeSchema.parse(input.filter && typeof input.filter === "object" ? input.filter : {});
  return { params, scope };
}

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(ruleKinds),
    enabled: z.boolean().default(true),
    severity: z.enum(severities).default("warning"),
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("The kind's parameters; `filter` holds the scope filter (sites, sources, models, deviceClasses)"),
    forSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(0)
      .describe("The condition must hold this long before the alert fires"),
    repeatSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(0)
      .describe("Repeat a firing, unacknowledged alert this often (0: never)"),
    channelIds: z
      .array(z.string().min(1).max(100))
      .max(50)
      .default([])
      .describe("Channels to notify; empty: every enabled channel"),
  })
  .superRefine((value, ctx) => {
    const result = paramsSchemas[value.kind].safeParse(value.params);
    if (!result.success)
      for (const issue of result.error.issues)
        ctx.addIssue({ ...issue, path: ["params", ...issue.path] } as z.core.$ZodRawIssue);
    const filter = (value.params as { filter?: unknown }).filter;
    if (filter !== undefined && !scopeSchema.safeParse(filter).success)
      ctx.addIssue({
        code: "custom",
        path: ["params", "filter"],
        message: "filter: sites, sources, models and deviceClasses are lists of names",
      });
  });
export type RuleInput = z.output<typeof ruleInputSchema>;

/** The rules a fresh installation starts with (created once, when there are no rules). */
export const defaultRules: RuleInput[] = [
  {
    name: "Site outage",
    kind: "site-outage",
    enabled: true,
    severity: "critical",
    params: {},
    forSeconds: 0,
    repeatSeconds: 3600,
    channelIds: [],
  },
  {
    name: "Registration drop (fleet)",
    kind: "registration-drop",
    enabled: true,
    severity: "warning",
    params: { dropPoints: 10, windowMinutes: 15, scope: "fleet" },
    forSeconds: 120,
    repeatSeconds: 0,
    channelIds: [],
  },
  {
    name: "Registration drop (site)",
    kind: "registration-drop",
    enabled: true,
    severity: "warning",
    params: { dropPoints: 10, windowMinutes: 15, scope: "site" },
    forSeconds: 120,
    repeatSeconds: 0,
    channelIds: [],
  },
  {
    name: "Source unreachable, refusing credentials or stale",
    kind: "source-health",
    enabled: true,
    severity: "critical",
    params: { conditions: ["unreachable", "auth-failed", "stale"] },
    forSeconds: 600,
    repeatSeconds: 0,
    channelIds: [],
  },
  {
    name: "CTI application open failed",
    kind: "cti-app",
    enabled: true,
    severity: "warning",
    params: { statuses: ["open-failed"] },
    forSeconds: 300,
    repeatSeconds: 0,
    channelIds: [],
  },
];
