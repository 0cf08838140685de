import { route } from "@/lib/api/route";
import { updateUser } from "@/lib/api/contracts/users";
import { changePerson } from "@/lib/services/users";

export const PATCH = route(updateUser, async ({ params, body, actor }) => changePerson(params.id, body, actor));
