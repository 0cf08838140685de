// Turns zod failures, cross-field rule failures and refused targets into the one validation
// error (422) that the API, the CLI and the pages show, naming the field.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { activeTargetPolicy, hostRefusal } from "@/lib/soap/targets";
import type { SourceRuleIssue } from "@/lib/domain/source";

export interface FieldIssue {
  path: string;
  message: string;
}

export function validationFailed(issues: FieldIssue[]): AppError {
  const first = issues[0];
  return new AppError("validation_failed", first ? `Invalid ${first.path}: ${first.message}` : "Invalid source settings.", { details: { issues } });
}

export function fromRuleIssues(issues: SourceRuleIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** Parses or throws a 422 AppError (never a raw ZodError, which would surface as a 500). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(result.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "input", message: i.message })));
}

/**
 * Addresses Linewatch may not connect to (LINEWATCH_ALLOWED_TARGETS): literal IPs and metadata
 * host names are refused before anything is stored. Other names are checked by the transport when
 * it connects, against what they resolve to then. Unparseable URLs are left to the schema.
 */
export function targetIssues(urls: readonly string[] | undefined): FieldIssue[] {
  env(); // loading the configuration installs the policy the transport enforces: check against that one
  const policy = activeTargetPolicy();
  const issues: FieldIssue[] = [];
  (urls ?? []).forEach((raw, index) => {
    let host: string;
    try {
      host = new URL(raw).hostname;
    } catch {
      return;
    }
    const refusal = hostRefusal(host, policy);
    if (refusal !== undefined) issues.push({ path: `urls.${index}`, message: refusal });
  });
  return issues;
}

/** Throws the 422 for the first refused address, if any. */
export function assertAllowedTargets(urls: readonly string[] | undefined): void {
  const issues = targetIssues(urls);
  if (issues.length > 0) throw validationFailed(issues);
}
