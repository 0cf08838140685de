import { route } from "@/lib/api/route";
import { getDirectoryRoleRules, setDirectoryRoleRules } from "@/lib/api/contracts/users";
import { getRoleRules, setRoleRules } from "@/lib/services/directory-sign-in";

export const GET = route(getDirectoryRoleRules, async () => getRoleRules());
export const PUT = route(setDirectoryRoleRules, async ({ body, actor }) => setRoleRules(body.rules, actor));
