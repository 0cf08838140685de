import { route } from "@/lib/api/route";
import { endSilence } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const DELETE = route(endSilence, async ({ params, actor }) => {
  await alerts.endSilence(params.id, actor);
  return { ok: true as const };
});
