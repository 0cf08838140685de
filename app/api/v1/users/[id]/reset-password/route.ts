import { route } from "@/lib/api/route";
import { resetUserPassword } from "@/lib/api/contracts/users";
import { resetPersonPassword } from "@/lib/services/users";

export const POST = route(resetUserPassword, async ({ params, actor }) => resetPersonPassword(params.id, actor));
