import { route } from "@/lib/api/route";
import { lookUpCmeUser } from "@/lib/api/contracts/cme-actions";
import * as cmeUsers from "@/lib/services/cme-actions/cme-users";

export const GET = route(lookUpCmeUser, async ({ params }) => cmeUsers.lookUpCmeUser(params.id, params.userId));
