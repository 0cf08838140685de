// An admin's "read the configuration now" for a cluster with AXL: the request is a time on the
// source's health row that the poller compares with its last configured read.
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";
import { conflict, notFound } from "@/lib/errors";

/**
 * Marks the cluster's configured inventory as asked for at `at`, audited in the same transaction.
 * 404 for an unknown source; 409 unless it is a cluster with AXL on (nothing else has one).
 */
export async function requestConfiguredRead(
  sourceId: string,
  who: Actor,
  at: Date = new Date(),
): Promise<{ sourceName: string; requestedAt: Date }> {
  return db().$transaction(async (tx) => {
    const source = await tx.source.findUnique({
      where: { id: sourceId },
      select: { name: true, kind: true, axlEnabled: true },
    });
    if (!source) throw notFound("The source");
    if (source.kind !== "cucm" || !source.axlEnabled)
      throw conflict(
        source.kind === "cucm"
          ? `${source.name} does not read its configuration through AXL: turn it on in the source's settings first.`
          : `${source.name} is a router: only a Unified CM cluster has a configuration to read through AXL.`,
      );
    await tx.sourceHealth.updateMany({ where: { sourceId }, data: { configuredRequestedAt: at } });
    await recordAudit(tx, who, {
      action: "source.configured-read",
      target: source.name,
      detail: { sourceId },
      outcome: "success",
    });
    return { sourceName: source.name, requestedAt: at };
  });
}
