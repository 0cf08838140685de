// API tokens for scripts: stored as a SHA-256 hash with a short display prefix.
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";
import { notFound } from "@/lib/errors";
import { generateApiToken, hashApiToken } from "@/lib/secrets/hashes";
import type { Role } from "@/lib/domain/roles";
import { log } from "@/lib/log";

const tokenSelect = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { email: true, disabled: true } },
} as const;

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
  /** Its creator is disabled: the token does not authenticate until they are enabled again. */
  suspended: boolean;
}

type TokenRow = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy: { email: string; disabled: boolean } | null;
};

const asToken = (row: TokenRow): TokenRecord => ({
  ...row,
  role: row.role as Role,
  createdBy: row.createdBy?.email ?? null,
  suspended: row.createdBy?.disabled ?? false,
});

export async function listTokens(): Promise<TokenRecord[]> {
  const rows = await db().apiToken.findMany({ select: tokenSelect, orderBy: { createdAt: "desc" } });
  return rows.map(asToken);
}

export interface NewToken {
  name: string;
  role: Role;
  expiresAt?: Date | null;
  createdById?: string | null;
}

/** Creates a token and returns its secret: the only time it is ever available. */
export async function createToken(input: NewToken, who: Actor): Promise<{ token: string; record: TokenRecord }> {
  const token = generateApiToken();
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        tokenHash: hashApiToken(token),
        prefix: token.slice(0, 10),
        expiresAt: input.expiresAt ?? null,
        createdById: input.createdById ?? null,
      },
      select: tokenSelect,
    });
    await recordAudit(tx, who, {
      action: "token.create",
      target: input.name,
      detail: { role: input.role, expiresAt: input.expiresAt?.toISOString() ?? null },
      outcome: "success",
    });
    return created;
  });
  return { token, record: asToken(row) };
}

export async function revokeToken(id: string, who: Actor): Promise<TokenRecord> {
  const row = await db().$transaction(async (tx) => {
    const current = await tx.apiToken.findUnique({ where: { id }, select: { name: true, revokedAt: true } });
    if (!current) throw notFound("The token");
    const updated = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: current.revokedAt ?? new Date() },
      select: tokenSelect,
    });
    await recordAudit(tx, who, { action: "token.revoke", target: current.name, outcome: "success" });
    return updated;
  });
  return asToken(row);
}

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The token's identity when it is valid now; null when unknown, revoked, expired, or suspended
 * because the person who created it is disabled (a token must not outlive its creator's access).
 */
export async function findActiveToken(
  token: string,
  now = new Date(),
): Promise<{ id: string; name: string; role: Role } | null> {
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      name: true,
      role: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      createdBy: { select: { disabled: true } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.createdBy?.disabled) return null;
  // Writing on every request would make reads write; a minute's precision is enough to spot dead tokens.
  // Bookkeeping, not access: a database that cannot take the write now (SQLite's write lock held
  // past its busy timeout) must not fail the read this token asked for. The next request tries again.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db()
      .apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } })
      .catch((error: unknown) =>
        log.warn("token last use not recorded", { error: error instanceof Error ? error.message : String(error) }),
      );
  }
  return { id: row.id, name: row.name, role: row.role as Role };
}
