// Removing sources, in one place: their rows (everything polled from them cascades) and the
// RisPort budget rows kept under their id, which no foreign key reaches. Deleting a source,
// adding the first real one and turning the demo off all remove through here.
import type { Tx } from "./client";
import { recordAudit, type Actor } from "./audit";

/** Deletes sources with everything polled from them (cascades) and their RisPort budget rows. */
export async function deleteSourcesIn(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.source.deleteMany({ where: { id: { in: ids } } });
  await tx.risportRequest.deleteMany({ where: { clusterId: { in: ids } } });
  await tx.risportBudget.deleteMany({ where: { clusterId: { in: ids } } });
}

/** Removes every demo source with its data and budget rows, audited once; returns how many went. */
export async function removeDemoSourcesIn(tx: Tx, who: Actor, reason: string): Promise<number> {
  const demo = await tx.source.findMany({
    where: { demo: true },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  if (demo.length === 0) return 0;
  await deleteSourcesIn(
    tx,
    demo.map((d) => d.id),
  );
  await recordAudit(tx, who, {
    action: "source.demo-removed",
    target: demo.map((d) => d.name).join(", "),
    detail: { reason, removed: demo.length },
    outcome: "success",
  });
  return demo.length;
}
