import { route } from "@/lib/api/route";
import { createSilence, listSilences } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const GET = route(listSilences, async () => alerts.listSilences());
export const POST = route(createSilence, async ({ body, actor }) => ({
  record: await alerts.createSilence(body, actor),
}));
