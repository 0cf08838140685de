import { route } from "@/lib/api/route";
import { resetUserPassword } from "@/lib/api/contracts/users";
import * as users from "@/lib/services/users";

export const POST = route(resetUserPassword, async ({ params, actor }) => users.resetUserPassword(params.id, actor));
