// What every phone restart waits for, whatever the source: its turn (one restart at a time per
// source, in this instance) and room under the cap per source per minute (LINEWATCH_RESTARTS_PER_MINUTE,
// counted from the audit rows, so every instance counts the same restarts).
import "server-only";
import { countRestartsSince } from "@/lib/db/phone-restarts";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { targetKey, withTargetLocks } from "@/lib/services/cme-actions/target-lock";

const RESTART_WINDOW_MS = 60_000;

/**
 * Runs `restart` holding the source's restart lock, or refuses: 409 while another restart on the
 * source runs (the cap counts finished ones, so restarts sent together could otherwise all pass
 * it), 429 with Retry-After when the last minute's restarts reach the cap.
 */
export async function withRestartSlot<T>(
  source: { id: string; name: string },
  now: Date,
  restart: () => Promise<T>,
): Promise<T> {
  const busy = `A phone restart on ${source.name} is in progress; wait a moment and try again.`;
  return withTargetLocks([targetKey(source.id, "config", "restart")], busy, async () => {
    const cap = env().restartsPerMinute;
    const recent = await countRestartsSince(source.id, new Date(now.getTime() - RESTART_WINDOW_MS));
    if (recent >= cap)
      throw new AppError(
        "rate_limited",
        `${source.name} has had ${recent} phone restarts in the last minute, the most allowed (LINEWATCH_RESTARTS_PER_MINUTE=${cap}). Try again in a minute.`,
        { headers: { "retry-after": "60" } },
      );
    return restart();
  });
}
