import { route } from "@/lib/api/route";
import { testAlertChannel } from "@/lib/api/contracts/alerts";
import { sendTest } from "@/lib/alerts/service";

export const POST = route(testAlertChannel, async ({ params, actor }) => sendTest(params.id, actor));
