import { route } from "@/lib/api/route";
import { restartCmePhone } from "@/lib/api/contracts/cme-actions";
import * as restarts from "@/lib/services/cme-actions/restart-phone";

export const POST = route(restartCmePhone, async ({ params, body, actor }) =>
  restarts.restartCmePhone(params.id, params.name, body.kind, actor),
);
