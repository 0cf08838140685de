// One privileged action at a time per target (a phone, a CME user, a router's save), keyed by
// source + target, so a double submit has one effect: the second request gets 409 at once
// rather than queueing behind the first and repeating it. In-process, like the router queue.
import { AppError } from "@/lib/errors";

const holder = globalThis as unknown as { linewatchTargetLocks?: Set<string> };

function held(): Set<string> {
  holder.linewatchTargetLocks ??= new Set();
  return holder.linewatchTargetLocks;
}

export function targetKey(sourceId: string, kind: "phone" | "user" | "config", target: string): string {
  return `${sourceId}\u0000${kind}\u0000${target}`;
}

/**
 * Runs `task` holding every key, or refuses with 409 when any is already held. The check and the
 * taking happen in one synchronous step, so two requests can never both pass it.
 */
export async function withTargetLocks<T>(
  keys: readonly string[],
  busyMessage: string,
  task: () => Promise<T>,
): Promise<T> {
  const locks = held();
  const unique = [...new Set(keys)];
  if (unique.some((key) => locks.has(key))) throw new AppError("conflict", busyMessage);
  for (const key of unique) locks.add(key);
  try {
    return await task();
  } finally {
    for (const key of unique) locks.delete(key);
  }
}
