// The default rules, created once on a fresh installation (when no rule exists yet).
import { createRulesIfNone } from "@/lib/db/alerts";
import { defaultRules } from "@/lib/domain/alert-rules";

export async function ensureDefaultAlertRules(): Promise<number> {
  return createRulesIfNone(
    defaultRules.map((r) => ({ ...r, params: JSON.stringify(r.params), channelIds: JSON.stringify(r.channelIds) })),
  );
}
