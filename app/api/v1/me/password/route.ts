import { route } from "@/lib/api/route";
import { changeMyPassword } from "@/lib/api/contracts/me";
import * as usersDb from "@/lib/db/users";
import { AppError } from "@/lib/errors";

export const POST = route(changeMyPassword, async ({ principal, body, actor }) => {
  if (principal.kind !== "user") throw new AppError("forbidden", "API tokens have no password to change.");
  await usersDb.changeMyPassword(principal.id, body.currentPassword, body.newPassword, actor);
  return { ok: true as const };
});
