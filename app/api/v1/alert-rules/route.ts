import { route } from "@/lib/api/route";
import { createAlertRule, listAlertRules } from "@/lib/api/contracts/alerts";
import { addRule, ruleList } from "@/lib/alerts/service";

export const GET = route(listAlertRules, async () => ruleList());
export const POST = route(createAlertRule, async ({ body, actor }) => ({ record: await addRule(body, actor) }));
