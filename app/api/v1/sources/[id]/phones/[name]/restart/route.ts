import { route } from "@/lib/api/route";
import { restartPhone } from "@/lib/api/contracts/cme-actions";
import * as restarts from "@/lib/services/phone-restart/restart-phone";

export const POST = route(restartPhone, async ({ params, body, actor }) =>
  restarts.restartPhone(params.id, params.name, body.kind, actor),
);
