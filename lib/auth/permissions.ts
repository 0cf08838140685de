// The one permission check: can(user, action) over the role table in lib/domain/roles.ts. Routes
// name their action in lib/api/route.ts and pages call can() directly; no per-action wrappers, so
// there is one mechanism to review.
import { permissionTable, type Action, type Role } from "@/lib/domain/roles";

export interface HasRole {
  role: Role;
}

export function can(user: HasRole | null | undefined, action: Action): boolean {
  return !!user && permissionTable[action].includes(user.role);
}
