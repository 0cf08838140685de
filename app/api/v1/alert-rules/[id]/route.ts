import { route } from "@/lib/api/route";
import { deleteAlertRule, updateAlertRule } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const PUT = route(updateAlertRule, async ({ params, body, actor }) => ({
  record: await alerts.updateAlertRule(params.id, body, actor),
}));
export const DELETE = route(deleteAlertRule, async ({ params, actor }) => {
  await alerts.deleteAlertRule(params.id, actor);
  return { ok: true as const };
});
