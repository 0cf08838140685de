import { route } from "@/lib/api/route";
import { deleteAlertChannel, updateAlertChannel } from "@/lib/api/contracts/alerts";
import { changeChannel, removeChannel } from "@/lib/alerts/service";

export const PUT = route(updateAlertChannel, async ({ params, body, actor }) => ({ record: await changeChannel(params.id, body, actor) }));
export const DELETE = route(deleteAlertChannel, async ({ params, actor }) => {
  await removeChannel(params.id, actor);
  return { ok: true as const };
});
