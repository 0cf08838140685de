import { route } from "@/lib/api/route";
import { signOutUserEverywhere } from "@/lib/api/contracts/users";
import * as usersDb from "@/lib/db/users";

export const POST = route(signOutUserEverywhere, async ({ params, actor }) => {
  await usersDb.signOutUserEverywhere(params.id, actor);
  return { ok: true as const };
});
