import { route } from "@/lib/api/route";
import { endSilence } from "@/lib/api/contracts/alerts";
import { endSilence as end } from "@/lib/alerts/service";

export const DELETE = route(endSilence, async ({ params, actor }) => {
  await end(params.id, actor);
  return { ok: true as const };
});
