import { route } from "@/lib/api/route";
import { testAlertChannel } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const POST = route(testAlertChannel, async ({ params, actor }) => alerts.testAlertChannel(params.id, actor));
