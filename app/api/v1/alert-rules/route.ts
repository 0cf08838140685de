import { route } from "@/lib/api/route";
import { createAlertRule, listAlertRules } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const GET = route(listAlertRules, async () => alerts.listAlertRules());
export const POST = route(createAlertRule, async ({ body, actor }) => ({
  record: await alerts.createAlertRule(body, actor),
}));
