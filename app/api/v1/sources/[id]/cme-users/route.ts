import { route } from "@/lib/api/route";
import { listCmeUsers } from "@/lib/api/contracts/cme-actions";
import * as cmeUsers from "@/lib/services/cme-actions/cme-users";

export const GET = route(listCmeUsers, async ({ params, query }) => cmeUsers.listCmeUsers(params.id, query.q));
