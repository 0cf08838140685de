import { route } from "@/lib/api/route";
import { createUser, listUsers } from "@/lib/api/contracts/users";
import { addPerson, listPeople } from "@/lib/services/users";

export const GET = route(listUsers, async ({ query }) => listPeople(query));

export const POST = route(createUser, async ({ body, actor }) => addPerson(body, actor));
