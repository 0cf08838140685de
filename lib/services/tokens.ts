// API tokens as the API and CLI use them.
import * as tokensDb from "@/lib/db/tokens";
import type { Actor } from "@/lib/db/audit";
import type { Role } from "@/lib/domain/roles";

export const toTokenJson = (t: tokensDb.TokenRecord) => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function listTokens() {
  return { items: (await tokensDb.listTokens()).map(toTokenJson) };
}

export async function createToken(
  input: { name: string; role: Role; expiresInDays?: number; createdById?: string | null },
  who: Actor,
) {
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const { token, record } = await tokensDb.createToken(
    { name: input.name, role: input.role, expiresAt, createdById: input.createdById ?? null },
    who,
  );
  return { token, record: toTokenJson(record) };
}

export async function revokeToken(id: string, who: Actor) {
  return { record: toTokenJson(await tokensDb.revokeToken(id, who)) };
}
