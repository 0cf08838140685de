// The add/edit form's values as typed (strings), and the API bodies they become, checked with the
// same zod schemas as the server so errors show next to their fields before anything is sent.
import type { z } from "zod";
import {
  DEFAULT_CONFIGURED_INTERVAL_S,
  defaultPollIntervalS,
  sourceCreateSchema,
  sourceRuleIssues,
  sourceUpdateSchema,
  type SourceInput,
  type SourceKind,
  type SourceUpdate,
  type TlsSetting,
} from "@/lib/domain/source";
import type { Source, SourceTestBody } from "./api";

export interface SourceFormValues {
  kind: SourceKind;
  name: string;
  site: string;
  /** One URL per line. */
  urls: string;
  username: string;
  /** Empty on edit keeps the stored password. */
  password: string;
  tlsMode: TlsSetting["mode"];
  pem: string;
  pollIntervalS: string;
  timeoutS: string;
  budgetPerMinute: string;
  budgetReserve: string;
  replyCap: string;
  replyCapChecked: boolean;
  budgetRaised: boolean;
  selectItemsPerRequest: string;
  /** Clusters: read the configured devices through AXL on the publisher (the first node). */
  axlEnabled: boolean;
  /** Empty: the RisPort user and password. */
  axlUsername: string;
  /** Empty on edit keeps the stored AXL password. */
  axlPassword: string;
  /** Hours between configured-inventory reads; empty: every 6 hours. */
  configuredIntervalH: string;
  enabled: boolean;
}

export type FormField = keyof SourceFormValues;
export type FieldErrors = Partial<Record<FormField, string>>;

export function emptyForm(kind: SourceKind = "cme"): SourceFormValues {
  return {
    kind,
    name: "",
    site: "",
    urls: "",
    username: "",
    password: "",
    tlsMode: "system",
    pem: "",
    pollIntervalS: "",
    timeoutS: "30",
    budgetPerMinute: "",
    budgetReserve: "",
    replyCap: "",
    replyCapChecked: false,
    budgetRaised: false,
    selectItemsPerRequest: "",
    axlEnabled: false,
    axlUsername: "",
    axlPassword: "",
    configuredIntervalH: "",
    enabled: true,
  };
}

export function formFromSource(source: Source): SourceFormValues {
  const text = (n: number | null) => (n === null ? "" : String(n));
  return {
    kind: source.kind,
    name: source.name,
    site: source.site,
    urls: source.urls.join("\n"),
    username: source.username,
    password: "",
    tlsMode: source.tls.mode,
    pem: source.tls.mode === "pem" ? source.tls.pem : "",
    pollIntervalS: String(source.pollIntervalS),
    timeoutS: String(source.timeoutMs / 1000),
    budgetPerMinute: text(source.budgetPerMinute),
    budgetReserve: text(source.budgetReserve),
    replyCap: text(source.replyCap),
    replyCapChecked: source.replyCapChecked,
    budgetRaised: source.budgetRaised,
    selectItemsPerRequest: text(source.selectItemsPerRequest),
    axlEnabled: source.axlEnabled,
    axlUsername: source.axlUsername ?? "",
    axlPassword: "",
    // Four decimals round back to the same whole seconds (an interval set through the API may be any).
    configuredIntervalH:
      source.configuredIntervalS === null ? "" : String(Number((source.configuredIntervalS / 3600).toFixed(4))),
    enabled: source.enabled,
  };
}

/** Empty means "use the default"; anything else must be a whole number (zod says so if not). */
const whole = (text: string): number | undefined =>
  text.trim() === "" ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;

/** Hours as typed ("6", "0.5") in whole seconds; empty means "the default" as above. */
const hoursToSeconds = (text: string): number | undefined =>
  text.trim() === ""
    ? undefined
    : /^\d+(\.\d+)?$/.test(text.trim())
      ? Math.round(Number(text.trim()) * 3600)
      : Number.NaN;

function tlsOf(values: SourceFormValues): TlsSetting {
  return values.tlsMode === "pem" ? { mode: "pem", pem: values.pem } : { mode: values.tlsMode };
}

function common(values: SourceFormValues) {
  const timeout = whole(values.timeoutS);
  const cluster = values.kind === "cucm";
  return {
    name: values.name,
    site: values.site,
    urls: values.urls.split(/\s+/).filter(Boolean),
    username: values.username,
    tls: tlsOf(values),
    pollIntervalS: whole(values.pollIntervalS),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    budgetPerMinute: cluster ? whole(values.budgetPerMinute) : undefined,
    budgetReserve: cluster ? whole(values.budgetReserve) : undefined,
    replyCap: cluster ? whole(values.replyCap) : undefined,
    replyCapChecked: cluster ? values.replyCapChecked : undefined,
    budgetRaised: cluster ? values.budgetRaised : undefined,
    selectItemsPerRequest: cluster ? whole(values.selectItemsPerRequest) : undefined,
    axlEnabled: cluster ? values.axlEnabled : undefined,
    axlUsername: cluster ? values.axlUsername.trim() || null : undefined,
    configuredIntervalS: cluster ? hoursToSeconds(values.configuredIntervalH) : undefined,
    enabled: values.enabled,
  };
}

/** The AXL password only when typed (and only for a cluster): empty keeps the stored one. */
const axlPasswordOf = (values: SourceFormValues) =>
  values.kind === "cucm" && values.axlPassword !== "" ? { axlPassword: values.axlPassword } : {};

/** Which form field an issue's path belongs to. */
function fieldOf(path: readonly PropertyKey[]): FormField {
  const [first, second] = path.map(String);
  if (first === "tls") return second === "pem" ? "pem" : "tlsMode";
  if (first === "timeoutMs") return "timeoutS";
  if (first === "configuredIntervalS") return "configuredIntervalH";
  return (first ?? "name") as FormField;
}

function wordsFor(issue: { path: readonly PropertyKey[]; message: string; code?: string }): string {
  // The API counts seconds; the form asks for hours.
  if (String(issue.path[0]) === "configuredIntervalS") return "enter hours from 0.25 (15 minutes) to 168 (a week)";
  if (issue.code === "invalid_type" && /number/.test(issue.message)) return "enter a whole number";
  if (issue.code === "too_small" && /string/.test(issue.message) && /1 char/.test(issue.message)) return "required";
  return issue.message;
}

export function issuesToErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldOf(issue.path)] ??= wordsFor(issue);
  return errors;
}

type Checked<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

function checked<S extends z.ZodType>(schema: S, body: unknown): Checked<z.input<S>> {
  const result = schema.safeParse(body);
  // The server gets the body as typed (it applies the same defaults itself).
  return result.success
    ? { ok: true, body: body as z.input<S> }
    : { ok: false, errors: issuesToErrors(result.error.issues) };
}

export function createBody(values: SourceFormValues): Checked<SourceInput> {
  return checked(sourceCreateSchema, {
    kind: values.kind,
    ...common(values),
    password: values.password,
    ...axlPasswordOf(values),
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed; no password unless one was typed. */
export function updateBody(values: SourceFormValues, original: Source): Checked<SourceUpdate> {
  const next = common(values);
  const before: Record<string, unknown> = {
    ...original,
    pollIntervalS: original.pollIntervalS,
    timeoutMs: original.timeoutMs,
  };
  const change: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next))
    if (value !== undefined && !same(value, before[key])) change[key] = value;
  // An emptied interval means the default again (the API has no "unset": it takes the default's value).
  if (next.configuredIntervalS === undefined && original.kind === "cucm" && original.configuredIntervalS !== null)
    change.configuredIntervalS = DEFAULT_CONFIGURED_INTERVAL_S;
  if (values.password !== "") change.password = values.password;
  Object.assign(change, axlPasswordOf(values));
  const result = checked(sourceUpdateSchema, change);
  if (!result.ok) return result;
  const rules = sourceRuleIssues({
    kind: original.kind,
    urls: next.urls,
    budgetPerMinute: next.budgetPerMinute ?? original.budgetPerMinute,
    budgetReserve: next.budgetReserve ?? original.budgetReserve,
    replyCap: next.replyCap ?? original.replyCap,
    replyCapChecked: next.replyCapChecked ?? original.replyCapChecked,
    budgetRaised: next.budgetRaised ?? original.budgetRaised,
    axlEnabled: next.axlEnabled ?? original.axlEnabled,
    axlUsername: next.axlUsername === undefined ? original.axlUsername : next.axlUsername,
    // A stored AXL password belongs to the stored AXL user (the server keeps none without one).
    hasAxlPassword:
      values.axlPassword !== "" || (original.axlUsername !== null && next.axlUsername === original.axlUsername),
  });
  return rules.length > 0 ? { ok: false, errors: issuesToErrors(rules) } : result;
}

/** The form as it stands, for "Test connection" before saving: the RisPort or router connection, not AXL. */
export function testBody(values: SourceFormValues, sourceId?: string): Checked<SourceTestBody> {
  const { axlEnabled: _axl, axlUsername: _user, configuredIntervalS: _interval, ...connection } = common(values);
  const body = {
    kind: values.kind,
    ...connection,
    ...(values.password !== "" ? { password: values.password } : {}),
    ...(sourceId ? { sourceId } : {}),
  };
  const password = values.password === "" && !sourceId ? { password: "required to test" } : {};
  const result = checked(sourceCreateSchema, { ...body, password: values.password || "placeholder" });
  if (!result.ok || Object.keys(password).length > 0)
    return { ok: false, errors: { ...(result.ok ? {} : result.errors), ...password } };
  return { ok: true, body };
}

export const intervalPlaceholder = (kind: SourceKind) => `default ${defaultPollIntervalS[kind]}`;
