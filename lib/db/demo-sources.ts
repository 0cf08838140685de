// Demo sources: registered for the in-process simulators and pointed at their new ports on each
// start (so their history survives restarts), and removed when the demo is turned off.
import { db } from "./client";
import { removeDemoSourcesIn } from "./source-removal";
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
    data: {
      urls: JSON.stringify(input.urls),
      username: input.username,
      passwordCipher: seal(input.password, existing.id),
      // The simulators' shape, as the demo starts them (a demo from before AXL gains it).
      axlEnabled: input.axlEnabled ?? false,
      selectItemsPerRequest: input.selectItemsPerRequest ?? existing.selectItemsPerRequest,
      settingsVersion: { increment: 1 },
    },
  });
  return (await findSourceByName(input.name))!;
}

export async function countDemoSources(): Promise<number> {
  return db().source.count({ where: { demo: true } });
}

/** Turning the demo off: the demo sources go with their data and RisPort budget rows, as when a real source is added. */
export async function removeDemoSources(reason: string): Promise<number> {
  return db().$transaction((tx) => removeDemoSourcesIn(tx, system, reason));
}
