import { route } from "@/lib/api/route";
import { createAlertChannel, listAlertChannels } from "@/lib/api/contracts/alerts";
import { addChannel, channelList } from "@/lib/alerts/service";

export const GET = route(listAlertChannels, async () => channelList());
export const POST = route(createAlertChannel, async ({ body, actor }) => ({ record: await addChannel(body, actor) }));
