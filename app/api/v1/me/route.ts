import { route } from "@/lib/api/route";
import { getMe } from "@/lib/api/contracts/me";
import { actions } from "@/lib/domain/roles";
import { can } from "@/lib/auth/permissions";

export const GET = route(getMe, async ({ principal }) => ({
  kind: principal.kind,
  id: principal.id,
  name: principal.name,
  email: principal.email,
  role: principal.role,
  permissions: actions.filter((a) => can(principal, a)),
}));
