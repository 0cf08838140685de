// Refused targets as the one validation error (422) that the API, the CLI and the pages show,
// naming the field. The checks read the configured target policy, so they live above lib/env.
import { env } from "@/lib/env";
import { activeTargetPolicy, hostRefusal } from "@/lib/soap/targets";
import { type FieldIssue, validationFailed } from "@/lib/domain/validation";

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
