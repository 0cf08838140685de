// A cluster's configured devices from the SQL rows (one row per device line, in name and line
// order; a page may end inside a device, so rows are merged by name, not by page).
import type { ListedPhone, SqlRow } from "./replies";

export interface ConfiguredLine {
  index: number;
  dn: string;
}

/** The fields listPhone gives (less its uuid), with the lines only the SQL read has. */
export type ConfiguredDevice = Omit<ListedPhone, "uuid"> & { lines: ConfiguredLine[] };

export function mergeDeviceRows(rows: readonly SqlRow[]): ConfiguredDevice[] {
  const byName = new Map<string, ConfiguredDevice>();
  for (const row of rows) {
    const name = row.name?.trim();
    if (!name) continue;
    const key = name.toUpperCase();
    let device = byName.get(key);
    if (!device) {
      device = {
        name,
        description: row.description ?? null,
        model: row.model ?? null,
        deviceClass: row.class ?? null,
        protocol: row.protocol ?? null,
        devicePool: row.devicepool ?? null,
        location: row.location ?? null,
        owner: row.owner ?? null,
        lines: [],
      };
      byName.set(key, device);
    }
    const index = Number(row.lineindex);
    const dn = row.dn;
    if (dn && Number.isInteger(index) && !device.lines.some((l) => l.index === index && l.dn === dn))
      device.lines.push({ index, dn });
  }
  for (const device of byName.values()) device.lines.sort((a, b) => a.index - b.index);
  return [...byName.values()];
}
