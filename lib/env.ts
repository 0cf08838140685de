// The one place that reads process.env: validated once with zod, with the defaults that make
// a fresh checkout just work (SQLite file and a generated session secret in the data directory).
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { configureTargets, parseAllowedTargets, TargetConfigError } from "@/lib/soap/targets";
import { isTimeZone } from "@/lib/domain/trend";
import { checkUserFilterTemplate } from "@/lib/domain/ldap-filter";

/** Entries checked here, so a typo stops startup instead of refusing every source later. */
const allowedTargets = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    try {
      return parseAllowedTargets(raw);
    } catch (error) {
      if (!(error instanceof TargetConfigError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });

/** Addresses or CIDR ranges of the reverse proxies in front of Linewatch (only read with LINEWATCH_TRUST_PROXY=true). */
const trustedProxies = z
  .string()
  .default("127.0.0.1,::1")
  .transform((raw, ctx) => {
    const entries = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const [address, bits, extra] = entry.split("/");
      const family = isIP(address ?? "");
      const max = family === 4 ? 32 : 128;
      if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range` });
        return z.NEVER;
      }
    }
    return entries;
  });

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LINEWATCH_DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  LINEWATCH_ADMIN_EMAIL: z.string().email().optional(),
  LINEWATCH_ADMIN_PASSWORD: z.string().min(12, "LINEWATCH_ADMIN_PASSWORD must be at least 12 characters").optional(),
  LINEWATCH_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LINEWATCH_TRUSTED_PROXIES: trustedProxies,
  LINEWATCH_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(8 * 60),
  LINEWATCH_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Unset: readable lines on a terminal, JSON lines otherwise (a pipe, a file, journald, a container).
  LINEWATCH_LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  // The poll worker's own /metrics (its process figures and poll counters); unset: not served.
  LINEWATCH_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LINEWATCH_HOST: z.string().optional(),
  LINEWATCH_SECRET_KEY: z.string().optional(),
  LINEWATCH_SECRET_KEY_OLD: z.string().optional(),
  LINEWATCH_DEMO: z.enum(["0", "1"]).optional(),
  LINEWATCH_DEMO_CONTROL: z.enum(["0", "1"]).optional(),
  LINEWATCH_ALLOWED_TARGETS: allowedTargets,
  // The organisation's time zone for trend buckets and labels; unset: each viewer's own.
  LINEWATCH_TIME_ZONE: z
    .string()
    .optional()
    .refine((zone) => zone === undefined || zone === "" || isTimeZone(zone), {
      message: "LINEWATCH_TIME_ZONE must be an IANA time zone such as Europe/Berlin or America/Chicago",
    }),
  // Phone restarts and resets one router takes per minute, from everyone: a helpdesk tool, not a
  // way to reboot a site.
  LINEWATCH_RESTARTS_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(10),
  // npm start runs the poll worker as its own process ("process"); "remote": workers run elsewhere;
  // "inline" (the default for `next dev` and tests): the web process polls itself.
  LINEWATCH_WORKER: z.enum(["inline", "process", "remote"]).default("inline"),
  // "1": this process's SQLite connection runs in a thread of its own (lib/db/sqlite-adapter.ts).
  // scripts/start.mjs sets it for the web server, whose event loop must stay free; the poll worker,
  // the CLI and the tests keep the in-process connection.
  LINEWATCH_SQLITE_THREAD: z.enum(["0", "1"]).default("0"),
  // Directory sign-in (README "Directory sign-in"): OpenID Connect, LDAP / Active Directory, and how
  // often a directory user's groups are read again (their sessions end after that long).
  LINEWATCH_OIDC_ISSUER: z.string().url().optional().or(z.literal("")),
  LINEWATCH_OIDC_CLIENT_ID: z.string().optional(),
  LINEWATCH_OIDC_CLIENT_SECRET: z.string().optional(),
  LINEWATCH_OIDC_ROLE_CLAIM: z.string().trim().min(1).default("groups"),
  LINEWATCH_OIDC_SCOPES: z.string().trim().min(1).default("openid email profile"),
  LINEWATCH_OIDC_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
  LINEWATCH_LDAP_URL: z
    .string()
    .regex(/^ldaps?:\/\/[^/\s]+\/?$/, "LINEWATCH_LDAP_URL must be ldap://host[:port] or ldaps://host[:port]")
    .optional()
    .or(z.literal("")),
  LINEWATCH_LDAP_BIND_DN: z.string().optional(),
  LINEWATCH_LDAP_BIND_PASSWORD: z.string().optional(),
  LINEWATCH_LDAP_BASE_DN: z.string().optional(),
  LINEWATCH_LDAP_USER_FILTER: z
    .string()
    .default("(|(sAMAccountName={user})(userPrincipalName={user})(mail={user}))")
    .refine((f) => checkUserFilterTemplate(f) === null, {
      message: "LINEWATCH_LDAP_USER_FILTER must be one filter in parentheses containing {user}",
    }),
  LINEWATCH_LDAP_GROUPS: z.enum(["member-of", "in-chain"]).default("member-of"),
  LINEWATCH_LDAP_GROUP_BASE_DN: z.string().optional(),
  LINEWATCH_LDAP_STARTTLS: z.enum(["true", "false"]).default("false"),
  LINEWATCH_LDAP_CA_FILE: z.string().optional(),
  LINEWATCH_LDAP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  LINEWATCH_DIRECTORY_RECHECK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  NODE_ENV: z.string().default("development"),
});

/** OpenID Connect sign-in, configured when LINEWATCH_OIDC_ISSUER is set. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim whose values the role rules match (groups, roles, ...). */
  roleClaim: string;
  scopes: string;
  /** Shown on the button: "Continue with <name>". */
  name: string;
}

/** LDAP / Active Directory sign-in behind the sign-in form, configured when LINEWATCH_LDAP_URL is set. */
export interface LdapConfig {
  url: string;
  bindDn?: string;
  bindPassword?: string;
  baseDn: string;
  /** A filter holding {user}, which is replaced by the typed name escaped per RFC 4515. */
  userFilter: string;
  /** "member-of": the user entry's memberOf values; "in-chain": AD's nested-group search. */
  groups: "member-of" | "in-chain";
  groupBaseDn: string;
  startTls: boolean;
  /** PEM file of the CA(s) that signed the directory's certificate; unset: the system's. */
  caFile?: string;
  timeoutMs: number;
}

export type DatabaseConfig =
  | { provider: "sqlite"; file: string; url: string }
  | { provider: "postgresql"; url: string };

export interface Env {
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  adminEmail?: string;
  adminPassword?: string;
  trustProxy: boolean;
  /** The proxies whose X-Forwarded-* headers count when trustProxy is on (addresses or CIDR ranges). */
  trustedProxies: string[];
  /** A browser session unused this long ends (LINEWATCH_SESSION_IDLE_MINUTES, default 8 hours). */
  sessionIdleMs: number;
  logLevel: "debug" | "info" | "warn" | "error";
  /** LINEWATCH_LOG_FORMAT; undefined: "pretty" when stdout is a terminal, else "json". */
  logFormat?: "json" | "pretty";
  /** LINEWATCH_WORKER_METRICS_PORT: where a poll worker process serves its own /metrics (undefined: nowhere). */
  workerMetricsPort?: number;
  /** LINEWATCH_HOST: the address servers listen on; undefined: all interfaces. */
  host?: string;
  production: boolean;
  nextAuthUrl?: string;
  /** Base64 (or hex) 32-byte key for source passwords; else a key file in the data directory. */
  secretKey?: string;
  /** The previous key, read only by `secret rotate`. */
  oldSecretKey?: string;
  /** false when LINEWATCH_DEMO=0: no demo fleet even with no sources. */
  demo: boolean;
  /** Tests only: the demo simulators answer their control endpoint (POST /__sim/control). */
  demoControl: boolean;
  /** LINEWATCH_ALLOWED_TARGETS entries; undefined: loopback and private ranges (lib/soap/targets.ts). */
  allowedTargets: string[] | undefined;
  /** Where polls run: in this process ("inline"), or in poll workers of their own ("external"). */
  worker: "inline" | "external";
  /** Whether the SQLite connection runs in a worker thread (the web server under npm start). */
  sqliteThread: boolean;
  /** LINEWATCH_TIME_ZONE: the organisation's zone for trends (every viewer sees it); undefined: each viewer's. */
  timeZone?: string;
  /** LINEWATCH_RESTARTS_PER_MINUTE: phone restarts and resets per source (router or cluster) per minute. */
  restartsPerMinute: number;
  oidc?: OidcConfig;
  ldap?: LdapConfig;
  /** A directory user's session ends this long after sign-in, so their groups are read again. */
  directoryRecheckMs: number;
}

export class ConfigError extends Error {}

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    cached = loadEnv(process.env);
    // lib/soap reads no configuration; the transport's target policy is installed where the
    // configuration is loaded, which every process (server, route bundles, CLI) does before it
    // reads a source from the database.
    configureTargets(cached.allowedTargets);
  }
  return cached;
}

/** Tests and the CLI point Linewatch at another data directory or database. */
export function resetEnvForTests(): void {
  cached = undefined;
  cachedSecret = undefined;
}

export function loadEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.LINEWATCH_DATA_DIR);
  return {
    port: e.PORT,
    dataDir,
    database: databaseConfig(e.DATABASE_URL, dataDir),
    adminEmail: e.LINEWATCH_ADMIN_EMAIL,
    adminPassword: e.LINEWATCH_ADMIN_PASSWORD,
    trustProxy: e.LINEWATCH_TRUST_PROXY === "true",
    trustedProxies: e.LINEWATCH_TRUSTED_PROXIES,
    sessionIdleMs: e.LINEWATCH_SESSION_IDLE_MINUTES * 60_000,
    logLevel: e.LINEWATCH_LOG_LEVEL,
    logFormat: e.LINEWATCH_LOG_FORMAT,
    workerMetricsPort: e.LINEWATCH_WORKER_METRICS_PORT,
    host: e.LINEWATCH_HOST || undefined,
    production: e.NODE_ENV === "production",
    nextAuthUrl: e.NEXTAUTH_URL,
    secretKey: e.LINEWATCH_SECRET_KEY,
    oldSecretKey: e.LINEWATCH_SECRET_KEY_OLD || undefined,
    demo: e.LINEWATCH_DEMO !== "0",
    demoControl: e.LINEWATCH_DEMO_CONTROL === "1",
    allowedTargets: e.LINEWATCH_ALLOWED_TARGETS,
    worker: e.LINEWATCH_WORKER === "inline" ? "inline" : "external",
    sqliteThread: e.LINEWATCH_SQLITE_THREAD === "1",
    timeZone: e.LINEWATCH_TIME_ZONE || undefined,
    restartsPerMinute: e.LINEWATCH_RESTARTS_PER_MINUTE,
    oidc: oidcConfig(e),
    ldap: ldapConfig(e),
    directoryRecheckMs: e.LINEWATCH_DIRECTORY_RECHECK_MINUTES * 60_000,
  };
}

type Parsed = z.infer<typeof schema>;

function oidcConfig(e: Parsed): OidcConfig | undefined {
  if (!e.LINEWATCH_OIDC_ISSUER) return undefined;
  if (!e.LINEWATCH_OIDC_CLIENT_ID || !e.LINEWATCH_OIDC_CLIENT_SECRET)
    throw new ConfigError("LINEWATCH_OIDC_ISSUER needs LINEWATCH_OIDC_CLIENT_ID and LINEWATCH_OIDC_CLIENT_SECRET too");
  return {
    issuer: e.LINEWATCH_OIDC_ISSUER,
    clientId: e.LINEWATCH_OIDC_CLIENT_ID,
    clientSecret: e.LINEWATCH_OIDC_CLIENT_SECRET,
    roleClaim: e.LINEWATCH_OIDC_ROLE_CLAIM,
    scopes: e.LINEWATCH_OIDC_SCOPES,
    name: e.LINEWATCH_OIDC_NAME,
  };
}

function ldapConfig(e: Parsed): LdapConfig | undefined {
  if (!e.LINEWATCH_LDAP_URL) return undefined;
  if (!e.LINEWATCH_LDAP_BASE_DN) throw new ConfigError("LINEWATCH_LDAP_URL needs LINEWATCH_LDAP_BASE_DN too");
  const startTls = e.LINEWATCH_LDAP_STARTTLS === "true";
  if (startTls && e.LINEWATCH_LDAP_URL.startsWith("ldaps:"))
    throw new ConfigError("LINEWATCH_LDAP_STARTTLS is for ldap:// URLs; an ldaps:// URL is TLS from the start");
  return {
    url: e.LINEWATCH_LDAP_URL.replace(/\/$/, ""),
    bindDn: e.LINEWATCH_LDAP_BIND_DN || undefined,
    bindPassword: e.LINEWATCH_LDAP_BIND_PASSWORD || undefined,
    baseDn: e.LINEWATCH_LDAP_BASE_DN,
    userFilter: e.LINEWATCH_LDAP_USER_FILTER,
    groups: e.LINEWATCH_LDAP_GROUPS,
    groupBaseDn: e.LINEWATCH_LDAP_GROUP_BASE_DN || e.LINEWATCH_LDAP_BASE_DN,
    startTls,
    caFile: e.LINEWATCH_LDAP_CA_FILE || undefined,
    timeoutMs: e.LINEWATCH_LDAP_TIMEOUT_SECONDS * 1000,
  };
}

function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) {
    const file = path.join(dataDir, "linewatch.db");
    return { provider: "sqlite", file, url: `file:${file}` };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = path.resolve(url.slice("file:".length));
    return { provider: "sqlite", file, url: `file:${file}` };
  }
  throw new ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL, or a file: path for SQLite");
}

let cachedSecret: string | undefined;

/**
 * The session-signing secret: NEXTAUTH_SECRET when given (at least 32 bytes, or we refuse to
 * start), else a random one generated once into the data directory so restarts keep sessions.
 */
export function sessionSecret(log: (line: string) => void = console.log): string {
  if (cachedSecret) return cachedSecret;
  const given = process.env.NEXTAUTH_SECRET;
  if (given !== undefined && given !== "") {
    if (Buffer.byteLength(given, "utf8") < 32) {
      throw new ConfigError(
        "NEXTAUTH_SECRET is shorter than 32 bytes: use a long random value (e.g. `openssl rand -base64 48`) or unset it to let Linewatch generate one",
      );
    }
    cachedSecret = given;
    return given;
  }
  const file = path.join(env().dataDir, "nextauth-secret");
  if (existsSync(file)) {
    cachedSecret = readFileSync(file, "utf8").trim();
    return cachedSecret;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString("base64url");
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process (the CLI, a second instance) won the race: use its secret.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    cachedSecret = readFileSync(file, "utf8").trim();
    return cachedSecret;
  }
  chmodSync(file, 0o600);
  log(
    `[linewatch] No NEXTAUTH_SECRET given: generated a session secret in ${file} (keep this file; deleting it signs everyone out).`,
  );
  cachedSecret = secret;
  return secret;
}
