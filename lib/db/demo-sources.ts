// Demo sources: registered for the in-process simulators and pointed at their new ports on each
// start (so their history survives restarts), and removed when the demo is turned off.
import { db } from "./client";
import { recordAudit } from "./audit";
import { createSource, findSourceByName, type SourceRecord } from "./sources";
import { seal } from "@/lib/secrets/source-passwords";
import type { SourceInput } from "@/lib/domain/source";

const system = { actor: "system" };

export async function hasRealSources(): Promise<boolean> {
  return (await db().source.count({ where: { demo: false } })) > 0;
}

/** Creates the demo source, or re-points an existing one at the simulator's current address. */
export async function upsertDemoSource(input: SourceInput & { password: string }): Promise<SourceRecord> {
  const existing = await findSourceByName(input.name);
  if (!existing) return createSource(input, system, { demo: true });
  if (!existing.demo) return existing;
  await db().source.update({
    where: { id: existing.id },
    data: { urls: JSON.stringify(input.urls), username: input.username, passwordCipher: seal(input.password, existing.id), settingsVersion: { increment: 1 } },
  });
  return (await findSourceByName(input.name))!;
}

export async function countDemoSources(): Promise<number> {
  return db().source.count({ where: { demo: true } });
}

export async function removeDemoSources(reason: string): Promise<number> {
  return db().$transaction(async (tx) => {
    const demo = await tx.source.findMany({ where: { demo: true }, select: { id: true, name: true } });
    if (demo.length === 0) return 0;
    await tx.source.deleteMany({ where: { id: { in: demo.map((d) => d.id) } } });
    await recordAudit(tx, system, { action: "source.demo-removed", target: demo.map((d) => d.name).join(", "), detail: { reason }, outcome: "success" });
    return demo.length;
  });
}
