// What a source is, as admins describe it: one zod schema for the API, the CLI and the pages.
import { z } from "zod";

export const sourceKinds = ["cme", "cucm"] as const;
export const sourceKindSchema = z.enum(sourceKinds);
export type SourceKind = z.infer<typeof sourceKindSchema>;

export const defaultPollIntervalS: Record<SourceKind, number> = { cme: 120, cucm: 300 };

const baseUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "only http:// and https:// URLs")
  .refine((u) => {
    const url = new URL(u);
    return !url.username && !url.password && !url.search && !url.hash;
  }, "no credentials, query or fragment in the URL")
  .transform((u) => u.replace(/\/+$/, ""));

export const tlsSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("system") }),
  z.object({ mode: z.literal("pem"), pem: z.string().trim().min(1).max(64_000).refine((p) => p.includes("-----BEGIN CERTIFICATE-----"), "paste a PEM certificate") }),
  z.object({ mode: z.literal("insecure") }),
]);
export type TlsSetting = z.infer<typeof tlsSchema>;

/** Printable, single-line: these go into HTTP Basic and device XML. */
const credential = (max: number) => z.string().min(1).max(max).regex(/^[^\x00-\x1f\x7f]+$/, "no control characters");

export const sourceInputSchema = z.object({
  kind: sourceKindSchema,
  name: z.string().trim().min(1).max(100),
  site: z.string().trim().max(100).default(""),
  urls: z.array(baseUrl).min(1).max(8),
  username: credential(128),
  password: credential(256),
  tls: tlsSchema.default({ mode: "system" }),
  pollIntervalS: z.number().int().min(30).max(86_400).optional(),
  timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
  budgetPerMinute: z.number().int().min(1).max(18).optional(),
  budgetReserve: z.number().int().min(0).max(17).optional(),
  replyCap: z.number().int().min(100).max(2000).optional(),
  enabled: z.boolean().default(true),
});
export type SourceInput = z.input<typeof sourceInputSchema>;
export type ValidSourceInput = z.output<typeof sourceInputSchema>;

/** A cluster's RisPort settings with their defaults (cisco-apis.md: 15/min, 1000 per reply). */
export const clusterDefaults = { budgetPerMinute: 15, budgetReserve: 3, replyCap: 1000 } as const;
