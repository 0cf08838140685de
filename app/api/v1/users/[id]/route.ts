import { route } from "@/lib/api/route";
import { updateUser } from "@/lib/api/contracts/users";
import * as users from "@/lib/services/users";

export const PATCH = route(updateUser, async ({ params, body, actor }) => users.updateUser(params.id, body, actor));
