import { route } from "@/lib/api/route";
import { createAlertChannel, listAlertChannels } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const GET = route(listAlertChannels, async () => alerts.listAlertChannels());
export const POST = route(createAlertChannel, async ({ body, actor }) => ({
  record: await alerts.createAlertChannel(body, actor),
}));
