// CME phone users have no local state: Linewatch never stores their passwords. A password
// reset leaves only its audit row, written alone, with no password in it. The users' list is
// read from the stored phones (each ephone's user name, as the router's configuration holds it).
import { recordAuditAlone, type Actor, type AuditOutcome } from "./audit";
import { db } from "./client";
import { containsText } from "./text-match";

export async function recordCmePasswordReset(
  input: { sourceId: string; router: string; userId: string; outcome: AuditOutcome; reason?: string },
  who: Actor,
): Promise<void> {
  await recordAuditAlone(who, {
    action: "cme-user.reset-password",
    target: input.userId,
    detail: { sourceId: input.sourceId, router: input.router, ...(input.reason ? { reason: input.reason } : {}) },
    outcome: input.outcome,
  });
}

/**
 * A router's phone users as its stored phones name them (each ephone's and pool's user name),
 * with their phones: at most `limit` phone rows, user by user.
 */
export async function phoneUsersOf(
  sourceId: string,
  options: { q?: string; limit: number },
): Promise<{ userName: string; name: string; registrationStatus: string; statusReason: string }[]> {
  return db().device.findMany({
    where: {
      sourceId,
      missing: false,
      userName: options.q ? containsText(options.q) : { not: "" },
      NOT: { userName: "" },
    },
    select: { userName: true, name: true, registrationStatus: true, statusReason: true },
    orderBy: [{ userName: "asc" }, { name: "asc" }],
    take: options.limit,
  });
}
