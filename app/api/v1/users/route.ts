import { route } from "@/lib/api/route";
import { createUser, listUsers } from "@/lib/api/contracts/users";
import * as users from "@/lib/services/users";

export const GET = route(listUsers, async ({ query }) => users.listUsers(query));

export const POST = route(createUser, async ({ body, actor }) => users.createUser(body, actor));
