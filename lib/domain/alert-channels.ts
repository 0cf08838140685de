// Channel settings: what is stored in clear (config) and what is sealed (secrets), per kind.
// Webhook URLs are secrets as a whole: Slack and Teams put their token in the path.
import { z } from "zod";

export const channelKinds = ["email", "webhook", "slack", "teams", "syslog"] as const;
export type ChannelKind = (typeof channelKinds)[number];

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:_\-[\]]+$/, "a host name or IP address");
const port = z.number().int().min(1).max(65535);
const address = z.string().trim().email().max(254);
const url = z
  .string()
  .trim()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u), "http or https only");

export const emailConfigSchema = z.object({
  host,
  port: port.default(587),
  /** starttls: upgrade required; tls: TLS from the first byte (465); none: plain (loopback test servers). */
  security: z.enum(["starttls", "tls", "none"]).default("starttls"),
  username: z.string().max(200).default(""),
  from: address,
  to: z.array(address).min(1).max(50),
  /** Accept a self-signed certificate (an internal relay); off by default. */
  allowSelfSigned: z.boolean().default(false),
});
export const syslogConfigSchema = z.object({
  host,
  port: port.default(514),
  transport: z.enum(["udp", "tcp"]).default("udp"),
  facility: z.number().int().min(0).max(23).default(16),
});

/** What an admin sends: clear settings and secrets together; secrets are never read back. */
export const channelInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("email"),
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    email: emailConfigSchema,
    password: z.string().max(500).optional().describe("SMTP password (write-only)"),
  }),
  z.object({
    kind: z.literal("webhook"),
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    url: url.optional().describe("Receiver URL (write-only: it may carry a token)"),
    hmacSecret: z
      .string()
      .min(16)
      .max(500)
      .optional()
      .describe("Signs each body: X-Linewatch-Signature: sha256=<hex HMAC-SHA256>"),
  }),
  z.object({
    kind: z.literal("slack"),
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    url: url.optional().describe("Slack incoming-webhook URL (write-only)"),
  }),
  z.object({
    kind: z.literal("teams"),
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    url: url.optional().describe("Teams incoming-webhook URL (write-only)"),
  }),
  z.object({
    kind: z.literal("syslog"),
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    syslog: syslogConfigSchema,
  }),
]);
export type ChannelInput = z.output<typeof channelInputSchema>;

export interface ChannelSecrets {
  password?: string;
  url?: string;
  hmacSecret?: string;
}

/** A channel as delivery needs it: settings with the secrets opened. */
export interface ChannelTarget {
  id: string;
  name: string;
  kind: ChannelKind;
  config: Record<string, unknown>;
  secrets: ChannelSecrets;
}

/** Splits input into the clear config (with a display host for URLs) and the secrets. */
export function splitChannelInput(input: ChannelInput): { config: Record<string, unknown>; secrets: ChannelSecrets } {
  switch (input.kind) {
    case "email":
      return { config: input.email, secrets: input.password !== undefined ? { password: input.password } : {} };
    case "syslog":
      return { config: input.syslog, secrets: {} };
    case "webhook":
      return {
        config: input.url ? { target: new URL(input.url).host } : {},
        secrets: {
          ...(input.url ? { url: input.url } : {}),
          ...(input.hmacSecret ? { hmacSecret: input.hmacSecret } : {}),
        },
      };
    default:
      return {
        config: input.url ? { target: new URL(input.url).host } : {},
        secrets: input.url ? { url: input.url } : {},
      };
  }
}

/** The host a channel connects to (for the target check and the admin's view). */
export function channelHost(
  kind: ChannelKind,
  config: Record<string, unknown>,
  secrets: ChannelSecrets,
): { host: string; port: number } | null {
  if (kind === "email" || kind === "syslog") return { host: String(config.host ?? ""), port: Number(config.port ?? 0) };
  if (!secrets.url) return null;
  const u = new URL(secrets.url);
  return { host: u.hostname, port: Number(u.port || (u.protocol === "https:" ? 443 : 80)) };
}
