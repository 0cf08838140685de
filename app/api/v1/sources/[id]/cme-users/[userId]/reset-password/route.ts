import { route } from "@/lib/api/route";
import { resetCmeUserPassword } from "@/lib/api/contracts/cme-actions";
import * as cmeUsers from "@/lib/services/cme-actions/cme-users";

export const POST = route(resetCmeUserPassword, async ({ params, actor }) =>
  cmeUsers.resetCmeUserPassword(params.id, params.userId, actor),
);
