// Restart or reset one phone for the helpdesk, on whichever kind of source has it: a CME router
// through its CLI (cme.ts), a Unified CM cluster through AXL doDeviceReset (cluster.ts). Either way
// one at a time per source and capped per source per minute, whoever asks (restart-slot.ts), so the
// tool cannot take a site's phones down; every attempt that reaches the source is audited.
import "server-only";
import type { Actor } from "@/lib/db/audit";
import { getSource } from "@/lib/db/sources";
import type { PhoneRestart, PhoneRestartKind } from "@/lib/domain/cme-actions";
import { AppError } from "@/lib/errors";
import { restartClusterPhone } from "./cluster";
import { restartCmePhone } from "./cme";

export async function restartPhone(
  sourceId: string,
  name: string,
  kind: PhoneRestartKind,
  who: Actor,
  now = new Date(),
): Promise<PhoneRestart> {
  const source = await getSource(sourceId);
  if (!source) throw new AppError("not_found", "There is no router or cluster with that id.");
  return source.kind === "cme"
    ? restartCmePhone(source, name, kind, who, now)
    : restartClusterPhone(source, name, kind, who, now);
}
