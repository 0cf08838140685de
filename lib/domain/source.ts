// What a source is, as admins describe it: one zod schema for the API, the CLI and the pages.
// The field schemas carry no defaults, so an edit (every field optional) never invents values;
// `sourceInputSchema` adds the defaults of a new source.
import { z } from "zod";

export const sourceKinds = ["cme", "cucm"] as const;
export const sourceKindSchema = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof sourceKindSchema>;

export const defaultPollIntervalS: Record<SourceKind, number> = { cme: 120, cucm: 300 };

/** zod runs every refinement even after `.url()` failed, so none may assume a parseable URL. */
const parsedUrl = (u: string): URL | null => {
  try {
    return new URL(u);
  } catch {
    return null;
  }
};

const baseUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "only http:// and https:// URLs")
  .refine((u) => {
    const url = parsedUrl(u);
    return !url || (!url.username && !url.password && !url.search && !url.hash);
  }, "no credentials, query or fragment in the URL")
  .transform((u) => u.replace(/\/+$/, ""));

export const tlsSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("system") }),
  z.object({
    mode: z.literal("pem"),
    pem: z
      .string()
      .trim()
      .min(1)
      .max(64_000)
      .refine((p) => p.includes("-----BEGIN CERTIFICATE-----"), "paste a PEM certificate"),
  }),
  z.object({ mode: z.literal("insecure") }),
]);
export type TlsSetting = z.infer<typeof tlsSchema>;

/** Printable, single-line: these go into HTTP Basic and device XML. */
const credential = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\x00-\x1f\x7f]+$/, "no control characters");

/** Each field as a person edits it, without defaults. */
export const sourceFields = {
  name: z.string().trim().min(1).max(100),
  site: z.string().trim().max(100),
  urls: z.array(baseUrl).min(1).max(8),
  username: credential(128),
  password: credential(256),
  tls: tlsSchema,
  pollIntervalS: z.number().int().min(30).max(86_400),
  timeoutMs: z.number().int().min(1000).max(120_000),
  budgetPerMinute: z.number().int().min(1).max(18),
  budgetReserve: z.number().int().min(0).max(17),
  replyCap: z.number().int().min(100).max(2000),
  /** An admin checked that the cluster returns more than 1000 devices per reply: only then may replyCap exceed 1000. */
  replyCapChecked: z.boolean(),
  /** The cluster's Allowed Device Queries Per Minute was raised above the seed's 15: only then may budgetPerMinute exceed 15. */
  budgetRaised: z.boolean(),
  /** Most SelectItems (names or wildcard slices) in one RisPort request; default a reply's worth (1000). */
  selectItemsPerRequest: z.number().int().min(1).max(1000),
  /** Clusters: read the configured devices through AXL on the publisher (the first node listed). */
  axlEnabled: z.boolean(),
  /** AXL's own application user; null: the RisPort user and password (often the same user). */
  axlUsername: credential(128).nullable(),
  axlPassword: credential(256),
  /** Seconds between configured-inventory reads: 15 minutes to a week (default 6 hours). */
  configuredIntervalS: z.number().int().min(900).max(604_800),
  enabled: z.boolean(),
};

/** How often a cluster's configured inventory is read when the source does not say. */
export const DEFAULT_CONFIGURED_INTERVAL_S = 6 * 3600;

export const sourceInputSchema = z.object({
  kind: sourceKindSchema,
  name: sourceFields.name,
  site: sourceFields.site.default(""),
  urls: sourceFields.urls,
  username: sourceFields.username,
  password: sourceFields.password,
  tls: sourceFields.tls.default({ mode: "system" }),
  pollIntervalS: sourceFields.pollIntervalS.optional(),
  timeoutMs: sourceFields.timeoutMs.default(30_000),
  budgetPerMinute: sourceFields.budgetPerMinute.optional(),
  budgetReserve: sourceFields.budgetReserve.optional(),
  replyCap: sourceFields.replyCap.optional(),
  replyCapChecked: sourceFields.replyCapChecked.default(false),
  budgetRaised: sourceFields.budgetRaised.default(false),
  selectItemsPerRequest: sourceFields.selectItemsPerRequest.optional(),
  axlEnabled: sourceFields.axlEnabled.default(false),
  axlUsername: sourceFields.axlUsername.optional(),
  axlPassword: sourceFields.axlPassword.optional(),
  configuredIntervalS: sourceFields.configuredIntervalS.optional(),
  enabled: sourceFields.enabled.default(true),
});
export type SourceInput = z.input<typeof sourceInputSchema>;
export type ValidSourceInput = z.output<typeof sourceInputSchema>;

/**
 * A cluster's RisPort settings with their defaults (the seed: 15 requests a minute, 1000 devices per
 * reply; names asked a reply's worth per request, lower only for a cluster that refuses that many).
 * Above the documented limits only with the matching "checked" / "raised" flag set by an admin.
 */
export const clusterDefaults = {
  budgetPerMinute: 15,
  budgetReserve: 3,
  replyCap: 1000,
  selectItemsPerRequest: 1000,
} as const;
/** The reply cap the seed documents; a cap above it needs replyCapChecked. */
export const DOCUMENTED_REPLY_CAP = 1000;
/** The request rate the seed documents; a budget above it needs budgetRaised. */
export const DOCUMENTED_PER_MINUTE = 15;

export interface SourceRuleIssue {
  path: string[];
  message: string;
}

/**
 * The rules that span fields: a router has one address, a cluster's nodes are distinct, and the
 * reserve leaves the cluster's budget at least one request a minute for Linewatch.
 */
export function sourceRuleIssues(source: {
  kind?: SourceKind;
  urls?: readonly string[];
  budgetPerMinute?: number | null;
  budgetReserve?: number | null;
  replyCap?: number | null;
  replyCapChecked?: boolean | null;
  budgetRaised?: boolean | null;
  axlEnabled?: boolean | null;
  axlUsername?: string | null;
  /** An AXL password is given now or already stored. */
  hasAxlPassword?: boolean;
}): SourceRuleIssue[] {
  const issues: SourceRuleIssue[] = [];
  const urls = source.urls ?? [];
  if (source.kind === "cme" && urls.length > 1)
    issues.push({ path: ["urls"], message: "a router has one address; list several only for a cluster's nodes" });
  const seen = new Set<string>();
  urls.forEach((url, index) => {
    const key = url.toLowerCase();
    if (seen.has(key)) issues.push({ path: ["urls", String(index)], message: "this address is listed twice" });
    seen.add(key);
  });
  if (source.kind === "cme" && source.axlEnabled)
    issues.push({
      path: ["axlEnabled"],
      message: "AXL is a Unified CM API: only a cluster reads its configuration through it",
    });
  if (source.axlUsername && source.hasAxlPassword === false)
    issues.push({
      path: ["axlPassword"],
      message: "enter the AXL user's password (or leave the AXL user empty to use the RisPort one)",
    });
  if (source.kind === "cucm") {
    const perMinute = source.budgetPerMinute ?? clusterDefaults.budgetPerMinute;
    const reserve = source.budgetReserve ?? clusterDefaults.budgetReserve;
    if (reserve >= perMinute)
      issues.push({
        path: ["budgetReserve"],
        message: `the reserve must be below the budget (${perMinute} a minute), so Linewatch keeps at least one request`,
      });
    if (perMinute > DOCUMENTED_PER_MINUTE && !source.budgetRaised) {
      issues.push({
        path: ["budgetPerMinute"],
        message: `Cisco documents at most ${DOCUMENTED_PER_MINUTE} requests a minute; set a higher budget only after raising the cluster's Allowed Device Queries Per Minute, and tick "budget raised on the cluster"`,
      });
    }
    if ((source.replyCap ?? clusterDefaults.replyCap) > DOCUMENTED_REPLY_CAP && !source.replyCapChecked) {
      issues.push({
        path: ["replyCap"],
        message: `RisPort returns at most ${DOCUMENTED_REPLY_CAP} devices per reply; a higher cap needs "checked: this cluster returns more"`,
      });
    }
  }
  return issues;
}

/** A new source: the input schema plus the cross-field rules. */
export const sourceCreateSchema = sourceInputSchema.superRefine((source, ctx) => {
  for (const issue of sourceRuleIssues({ ...source, hasAxlPassword: source.axlPassword !== undefined }))
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

/** An edit: any field but the kind; a missing password keeps the stored one. */
export const sourceUpdateSchema = z
  .object({
    name: sourceFields.name,
    site: sourceFields.site,
    urls: sourceFields.urls,
    username: sourceFields.username,
    password: sourceFields.password,
    tls: sourceFields.tls,
    pollIntervalS: sourceFields.pollIntervalS,
    timeoutMs: sourceFields.timeoutMs,
    budgetPerMinute: sourceFields.budgetPerMinute,
    budgetReserve: sourceFields.budgetReserve,
    replyCap: sourceFields.replyCap,
    replyCapChecked: sourceFields.replyCapChecked,
    budgetRaised: sourceFields.budgetRaised,
    selectItemsPerRequest: sourceFields.selectItemsPerRequest,
    axlEnabled: sourceFields.axlEnabled,
    axlUsername: sourceFields.axlUsername,
    axlPassword: sourceFields.axlPassword,
    configuredIntervalS: sourceFields.configuredIntervalS,
    enabled: sourceFields.enabled,
  })
  .partial()
  .strict();
export type SourceUpdate = z.input<typeof sourceUpdateSchema>;
export type ValidSourceUpdate = z.output<typeof sourceUpdateSchema>;

/**
 * A stored source as every layer sees it, never with its password: lib/db maps rows to it, the
 * services and the CLI pass it on, and the API's schema extends it with health and ISO dates.
 */
export const sourceRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: sourceKindSchema,
  site: z.string(),
  urls: z.array(z.string()),
  username: z.string(),
  tls: tlsSchema,
  pollIntervalS: z.number(),
  timeoutMs: z.number(),
  budgetPerMinute: z.number().nullable(),
  budgetReserve: z.number().nullable(),
  replyCap: z.number().nullable(),
  /** Clusters: an admin checked the cluster returns more than 1000 devices per reply (replyCap may exceed 1000). */
  replyCapChecked: z.boolean(),
  /** Clusters: the cluster's Allowed Device Queries Per Minute was raised (budgetPerMinute may exceed 15). */
  budgetRaised: z.boolean(),
  /** Clusters: most SelectItems per RisPort request; null: the default (1000). */
  selectItemsPerRequest: z.number().nullable(),
  /** Clusters: the configured inventory is read through AXL. */
  axlEnabled: z.boolean(),
  /** AXL's own user; null: the RisPort user. Never the password. */
  axlUsername: z.string().nullable(),
  /** Seconds between configured-inventory reads; null: every 6 hours. */
  configuredIntervalS: z.number().nullable(),
  enabled: z.boolean(),
  /** Served by the in-process simulators; removed when a real source is added. */
  demo: z.boolean(),
  /** Bumped when connection settings change, so an auth-failed source is tried again. */
  settingsVersion: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SourceRecord = z.infer<typeof sourceRecordSchema>;

/** The fields whose change means "talk to the box differently": they bump settingsVersion. */
export const connectionFields = ["urls", "username", "password", "tls"] as const;
