// Who is calling: a signed-in person (session cookie) or a script (API token). Both are
// re-checked against the database on every request, so disabling or revoking works at once.
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "@/lib/db/audit";

export interface Principal {
  kind: "user" | "token";
  id: string;
  name: string;
  email: string | null;
  role: Role;
}

export function actorOf(principal: Principal, extra: { requestId?: string; ip?: string | null } = {}): Actor {
  return {
    actor: principal.kind === "user" ? principal.email! : `token:${principal.name}`,
    actorId: principal.id,
    requestId: extra.requestId ?? null,
    ip: extra.ip ?? null,
  };
}
