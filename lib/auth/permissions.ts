// can<Verb><Thing> checks over the one role table in roles.ts.
import { permissionTable, type Action, type Role } from "@/lib/domain/roles";

export interface HasRole {
  role: Role;
}

export function can(user: HasRole | null | undefined, action: Action): boolean {
  return !!user && permissionTable[action].includes(user.role);
}

export const canViewInventory = (user: HasRole | null | undefined) => can(user, "viewInventory");
export const canChangeKeyPhones = (user: HasRole | null | undefined) => can(user, "changeKeyPhones");
export const canResetCmePassword = (user: HasRole | null | undefined) => can(user, "resetCmePassword");
export const canPollNow = (user: HasRole | null | undefined) => can(user, "pollNow");
export const canManageSources = (user: HasRole | null | undefined) => can(user, "manageSources");
export const canManageUsers = (user: HasRole | null | undefined) => can(user, "manageUsers");
export const canManageTokens = (user: HasRole | null | undefined) => can(user, "manageTokens");
export const canRunRouterCli = (user: HasRole | null | undefined) => can(user, "runRouterCli");
export const canViewAudit = (user: HasRole | null | undefined) => can(user, "viewAudit");
