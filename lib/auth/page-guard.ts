// Server pages ask here who is looking and whether their role may see the page.
import "server-only";
import { redirect } from "next/navigation";
import { currentUser } from "./session";
import { can } from "./permissions";
import type { Action } from "@/lib/domain/roles";
import type { Principal } from "./principal";

export async function pageAccess(action: Action): Promise<{ user: Principal; allowed: boolean }> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return { user, allowed: can(user, action) };
}
