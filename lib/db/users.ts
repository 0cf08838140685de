// People who sign in: the only module that reads password hashes, which never leave it.
import type { Prisma } from "./generated/sqlite/client";
import { db } from "./client";
import { recordAudit, recordAuditAlone, type Actor } from "./audit";
import { accountRule, clearLoginFailures, lockedUntil, recordLoginFailure } from "./login-throttle";
import { AppError, conflict, notFound } from "@/lib/errors";
import { decoyPasswordHash, hashPassword, verifyPassword } from "@/lib/secrets/hashes";
import type { Role } from "@/lib/domain/roles";
import type { DirectorySource } from "@/lib/domain/directory-roles";
import { isUniqueViolation } from "./prisma-errors";

/** Where a person signs in: a password kept here, or a directory. */
export type AuthSource = "local" | DirectorySource;

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  authSource: true,
  disabled: true,
  sessionVersion: true,
  lastLoginAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type UserRecord = Omit<Prisma.UserGetPayload<{ select: typeof userSelect }>, "role" | "authSource"> & {
  role: Role;
  authSource: AuthSource;
};

const asUser = <T extends { role: string; authSource: string }>(row: T) =>
  row as T & { role: Role; authSource: AuthSource };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}

export async function listUsers(options: { search?: string; role?: Role } = {}): Promise<UserRecord[]> {
  const rows = await db().user.findMany({
    where: {
      ...(options.role ? { role: options.role } : {}),
      ...(options.search
        ? { OR: [{ email: { contains: options.search.toLowerCase() } }, { name: { contains: options.search } }] }
        : {}),
    },
    select: userSelect,
    orderBy: { email: "asc" },
  });
  return rows.map(asUser);
}

export async function getUser(id: string): Promise<UserRecord | null> {
  const row = await db().user.findUnique({ where: { id }, select: userSelect });
  return row ? asUser(row) : null;
}

export async function getUserByEmail(email: string): Promise<UserRecord | null> {
  const row = await db().user.findUnique({ where: { email: normaliseEmail(email) }, select: userSelect });
  return row ? asUser(row) : null;
}

/**
 * Checks a sign-in. Returns the user only when the password matches and the account is enabled
 * and local (directory users have no password here). `dryRun` (a throttled attempt) does the same
 * work, so it takes as long, and records nothing. `adminsOnly` (local sign-in turned off for all
 * but the break-glass administrators) refuses everyone else the same way.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  options: { dryRun?: boolean; adminsOnly?: boolean } = {},
): Promise<UserRecord | null> {
  const row = await db().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { ...userSelect, passwordHash: true },
  });
  const local = row?.authSource === "local" && row.passwordHash !== "";
  const ok = await verifyPassword(password, local ? row.passwordHash : decoyPasswordHash);
  if (!row || !local || !ok || row.disabled || options.dryRun) return null;
  if (options.adminsOnly && row.role !== "admin") return null;
  const { passwordHash: _hash, ...user } = row;
  await db().user.update({ where: { id: row.id }, data: { lastLoginAt: new Date() } });
  return asUser(user);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createUser(input: NewUser, who: Actor): Promise<UserRecord> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email, name: input.name, role: input.role, passwordHash },
        select: userSelect,
      });
      await recordAudit(tx, who, {
        action: "user.create",
        target: email,
        detail: { role: input.role, name: input.name },
        outcome: "success",
      });
      return created;
    });
    return asUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A user with the email ${email} already exists.`);
    throw error;
  }
}

export interface UserChange {
  name?: string;
  role?: Role;
  disabled?: boolean;
}

export async function updateUser(id: string, change: UserChange, who: Actor): Promise<UserRecord> {
  const row = await db().$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!current) throw notFound("The user");
    const losesAdmin =
      current.role === "admin" &&
      !current.disabled &&
      ((change.role && change.role !== "admin") || change.disabled === true);
    if (losesAdmin) {
      if (who.actorId === id) throw conflict("You cannot remove your own administrator access or disable yourself.");
      const admins = await tx.user.count({ where: { role: "admin", disabled: false } });
      if (admins <= 1)
        throw conflict("This is the last enabled administrator: make someone else an administrator first.");
    }
    const updated = await tx.user.update({
      where: { id },
      data: {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
        // Disabling ends every session at once, as does any role change (sessions re-read it anyway).
        ...(change.disabled === true ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: userSelect,
    });
    const action =
      change.disabled === true
        ? "user.disable"
        : change.disabled === false
          ? "user.enable"
          : change.role && change.role !== current.role
            ? "user.role"
            : "user.update";
    await recordAudit(tx, who, {
      action,
      target: current.email,
      detail: { before: { role: current.role, disabled: current.disabled, name: current.name }, after: change },
      outcome: "success",
    });
    return updated;
  });
  return asUser(row);
}

export async function signOutUserEverywhere(id: string, who: Actor): Promise<void> {
  await db().$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id }, select: { email: true } });
    if (!current) throw notFound("The user");
    await tx.user.update({ where: { id }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, who, { action: "user.sign-out-everywhere", target: current.email, outcome: "success" });
  });
}

export async function setUserPassword(
  id: string,
  password: string,
  who: Actor,
  action = "user.password-reset",
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id }, select: { email: true } });
    if (!current) throw notFound("The user");
    await tx.user.update({ where: { id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, who, { action, target: current.email, outcome: "success" });
  });
}

/**
 * Changing your own password needs the current one, so a borrowed session cannot lock you out;
 * that check is throttled like sign-in, or a stolen session could guess the password.
 */
export async function changeMyPassword(
  id: string,
  current: string,
  next: string,
  who: Actor,
  now = new Date(),
): Promise<void> {
  const key = `password-change:${id}`;
  const until = await lockedUntil([key], now);
  const row = await db().user.findUnique({ where: { id }, select: { email: true, passwordHash: true } });
  const ok = await verifyPassword(current, row?.passwordHash ?? decoyPasswordHash);
  if (until) {
    const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
    throw new AppError("rate_limited", `Too many wrong current passwords: try again in ${seconds} s.`, {
      headers: { "retry-after": String(seconds) },
    });
  }
  if (!row || !ok) {
    await recordLoginFailure(key, accountRule, now);
    await recordAuditAlone(who, {
      action: "user.password-change",
      target: row?.email ?? id,
      detail: { reason: "wrong current password" },
      outcome: "failure",
    });
    throw new AppError("validation_failed", "The current password is not correct.");
  }
  await clearLoginFailures(key);
  await setUserPassword(id, next, who, "user.password-change");
}

export interface DirectoryIdentity {
  source: DirectorySource;
  /** The OIDC subject, or the LDAP entry's DN. */
  externalId: string;
  email: string;
  name: string;
  role: Role;
}

export type DirectoryUserResult =
  | { user: UserRecord }
  | { refused: "disabled" | "email-taken"; email: string; userId?: string };

/**
 * A directory user's sign-in: created on the first, and on each later one their email, name and
 * role are taken again from the directory (a changed role is audited). Refused when the account
 * was disabled here, or when the email belongs to someone signing in another way (a local account
 * is never taken over by a directory claiming its email).
 */
export async function upsertDirectoryUser(identity: DirectoryIdentity, now = new Date()): Promise<DirectoryUserResult> {
  const email = normaliseEmail(identity.email);
  const who: Actor = { actor: `directory:${identity.source}` };
  try {
    return await db().$transaction(async (tx) => {
      const byId = await tx.user.findUnique({
        where: { authSource_externalId: { authSource: identity.source, externalId: identity.externalId } },
        select: userSelect,
      });
      const byEmail = await tx.user.findUnique({ where: { email }, select: userSelect });
      // The same person under a new id (a renamed LDAP entry, a re-created IdP account) keeps their row.
      const current = byId ?? (byEmail?.authSource === identity.source ? byEmail : null);
      if (byEmail && byEmail.id !== current?.id) return { refused: "email-taken", email, userId: byEmail.id } as const;
      if (current?.disabled) return { refused: "disabled", email, userId: current.id } as const;
      if (!current) {
        const created = await tx.user.create({
          data: {
            email,
            name: identity.name,
            role: identity.role,
            passwordHash: "",
            authSource: identity.source,
            externalId: identity.externalId,
            lastLoginAt: now,
          },
          select: userSelect,
        });
        await recordAudit(tx, who, {
          action: "user.create",
          target: email,
          detail: { role: identity.role, name: identity.name, source: identity.source },
          outcome: "success",
        });
        return { user: asUser(created) };
      }
      const updated = await tx.user.update({
        where: { id: current.id },
        data: {
          email,
          name: identity.name,
          role: identity.role,
          externalId: identity.externalId,
          lastLoginAt: now,
        },
        select: userSelect,
      });
      if (current.role !== identity.role)
        await recordAudit(tx, who, {
          action: "user.role",
          target: email,
          detail: { before: { role: current.role }, after: { role: identity.role }, source: identity.source },
          outcome: "success",
        });
      return { user: asUser(updated) };
    });
  } catch (error) {
    // Two first sign-ins of one person at once: the other created the row; this one is refused once.
    if (isUniqueViolation(error)) return { refused: "email-taken", email };
    throw error;
  }
}

/** A directory user who no longer maps to a role: their running sessions end at once. */
export async function endDirectoryUserSessions(source: DirectorySource, externalId: string): Promise<void> {
  await db().user.updateMany({
    where: { authSource: source, externalId },
    data: { sessionVersion: { increment: 1 } },
  });
}
