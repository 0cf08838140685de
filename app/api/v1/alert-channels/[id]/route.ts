import { route } from "@/lib/api/route";
import { deleteAlertChannel, updateAlertChannel } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const PUT = route(updateAlertChannel, async ({ params, body, actor }) => ({
  record: await alerts.updateAlertChannel(params.id, body, actor),
}));
export const DELETE = route(deleteAlertChannel, async ({ params, actor }) => {
  await alerts.deleteAlertChannel(params.id, actor);
  return { ok: true as const };
});
