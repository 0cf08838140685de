import { route } from "@/lib/api/route";
import { signOutUserEverywhere } from "@/lib/api/contracts/users";
import { signOutEverywhere } from "@/lib/db/users";

export const POST = route(signOutUserEverywhere, async ({ params, actor }) => {
  await signOutEverywhere(params.id, actor);
  return { ok: true as const };
});
