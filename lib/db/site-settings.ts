// Site rules and the site-outage thresholds: small admin settings, replaced as a whole and audited
// in the same transaction.
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";

export interface SiteRuleRow {
  kind: string;
  pattern: string;
  site: string;
}

export async function listSiteRules(): Promise<SiteRuleRow[]> {
  return db().siteRule.findMany({ select: { kind: true, pattern: true, site: true }, orderBy: { position: "asc" } });
}

export async function readSetting(key: string): Promise<string | null> {
  return (await db().setting.findUnique({ where: { key }, select: { value: true } }))?.value ?? null;
}

/** Replaces the rules and the outage setting together, with the audit row. */
export async function saveSiteSettings(
  input: { rules: SiteRuleRow[]; outageKey: string; outageValue: string },
  who: Actor,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.siteRule.deleteMany({});
    if (input.rules.length > 0)
      await tx.siteRule.createMany({ data: input.rules.map((r, position) => ({ ...r, position })) });
    await tx.setting.upsert({
      where: { key: input.outageKey },
      create: { key: input.outageKey, value: input.outageValue },
      update: { value: input.outageValue },
    });
    await recordAudit(tx, who, {
      action: "sites.update",
      target: "site rules",
      outcome: "success",
      detail: { rules: input.rules.length, outage: JSON.parse(input.outageValue) as unknown },
    });
  });
}

/** Adds a rule unless one with the same kind and pattern exists (the demo's branch subnet). */
export async function ensureSiteRule(rule: SiteRuleRow): Promise<void> {
  if (await db().siteRule.findFirst({ where: { kind: rule.kind, pattern: rule.pattern }, select: { id: true } }))
    return;
  const last = await db().siteRule.aggregate({ _max: { position: true } });
  await db().siteRule.create({ data: { ...rule, position: (last._max.position ?? -1) + 1 } });
}
