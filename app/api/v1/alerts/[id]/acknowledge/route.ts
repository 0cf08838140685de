import { route } from "@/lib/api/route";
import { acknowledgeAlert } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const POST = route(acknowledgeAlert, async ({ params, body, actor }) => ({
  record: await alerts.acknowledgeAlert(params.id, body.note, actor),
}));
