// Warnings for a cluster set beyond Cisco's documented RisPort limits (15 requests a minute, 1000
// devices per reply): allowed only on an admin's word, and always visible, in the form and the table.
import type { Source } from "./api";

const warningClass =
  "rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900 md:col-span-3 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100";

type Limits = {
  budgetPerMinute: number | string | null;
  budgetRaised: boolean;
  replyCap: number | string | null;
  replyCapChecked: boolean;
};

/** The warnings that apply, in plain words. */
export function clusterLimitWarnings(limits: Limits): string[] {
  const perMinute = Number(limits.budgetPerMinute || 15);
  const cap = Number(limits.replyCap || 1000);
  const warnings: string[] = [];
  if (limits.budgetRaised && perMinute > 15) {
    warnings.push(
      `Budget above Cisco's documented 15 requests a minute (${perMinute}): make sure the cluster's Allowed Device Queries Per Minute was raised, or requests will be refused.`,
    );
  }
  if (limits.replyCapChecked && cap > 1000) {
    warnings.push(
      `Reply cap above Cisco's documented 1000 (${cap}): a reply of exactly 1000 is still treated as possibly cut.`,
    );
  }
  return warnings;
}

export function ClusterLimitWarnings({ values }: { values: Limits }) {
  const warnings = clusterLimitWarnings(values);
  if (warnings.length === 0) return null;
  return (
    <div role="alert" className={warningClass}>
      {warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
    </div>
  );
}

/** Table cell: whether the latest poll read every device, and why not. */
export function CompletenessCell({ source }: { source: Source }) {
  const warnings = source.kind === "cucm" ? clusterLimitWarnings(source) : [];
  return (
    <div className="flex max-w-xs flex-col gap-0.5 text-xs">
      {!source.completeness ? (
        <span className="text-slate-400">not read yet</span>
      ) : source.completeness.complete ? (
        <span className="text-emerald-700 dark:text-emerald-400">Complete sweep</span>
      ) : (
        <span className="text-amber-700 dark:text-amber-400">{source.completeness.reason ?? "Incomplete"}</span>
      )}
      {warnings.map((warning) => (
        <span key={warning} className="text-amber-700 dark:text-amber-400">
          {warning}
        </span>
      ))}
    </div>
  );
}
