// People management as the API and pages use it: generated passwords, one-time reveals, and
// the JSON shapes of the API contracts.
import * as usersDb from "@/lib/db/users";
import type { Actor } from "@/lib/db/audit";
import type { UserRecord } from "@/lib/db/users";
import { generatePassword } from "@/lib/secrets/hashes";
import type { Role } from "@/lib/domain/roles";
import { conflict, notFound } from "@/lib/errors";

export const toUserJson = (u: UserRecord) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  authSource: u.authSource,
  disabled: u.disabled,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});

export async function listUsers(filter: { search?: string; role?: Role }) {
  return { items: (await usersDb.listUsers(filter)).map(toUserJson) };
}

export async function createUser(input: { email: string; name: string; role: Role; password?: string }, who: Actor) {
  const initialPassword = input.password ? undefined : generatePassword();
  const user = await usersDb.createUser({ ...input, password: input.password ?? initialPassword! }, who);
  return { user: toUserJson(user), ...(initialPassword ? { initialPassword } : {}) };
}

export async function updateUser(id: string, change: usersDb.UserChange, who: Actor) {
  return { user: toUserJson(await usersDb.updateUser(id, change, who)) };
}

export async function resetUserPassword(id: string, who: Actor) {
  const user = await usersDb.getUser(id);
  if (!user) throw notFound("The user");
  if (user.authSource !== "local")
    throw conflict("This person signs in through the directory: their password is kept there, not here.");
  const password = generatePassword();
  await usersDb.setUserPassword(id, password, who);
  return { password };
}
