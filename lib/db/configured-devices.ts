// A cluster's configured inventory (AXL): every device its configuration lists, registered or not.
// Rows are written only when a device's configuration changes; a device a complete read no longer
// lists is marked missing, never deleted. The poller merges these into the devices it stores.
import { createHash } from "node:crypto";
import type { Db } from "./client";

/** One configured device as the poller hands it over (lines: index and number). */
export interface ConfiguredDeviceState {
  name: string;
  deviceClass: string;
  model: string;
  protocol: string;
  description: string;
  devicePool: string;
  location: string;
  ownerUser: string;
  lines: { index: number; dn: string }[];
}

export interface ConfiguredSchedule {
  readAt: Date | null;
  requestedAt: Date | null;
  count: number | null;
}

const CHUNK = 500;

const fingerprintOf = (device: ConfiguredDeviceState) =>
  createHash("sha1")
    .update(
      JSON.stringify([
        device.deviceClass,
        device.model,
        device.protocol,
        device.description,
        device.devicePool,
        device.location,
        device.ownerUser,
        device.lines,
      ]),
    )
    .digest("base64url");

const fields = (device: ConfiguredDeviceState) => ({
  deviceClass: device.deviceClass,
  model: device.model,
  protocol: device.protocol,
  description: device.description,
  devicePool: device.devicePool,
  location: device.location,
  ownerUser: device.ownerUser,
  lines: JSON.stringify(device.lines),
});

/** When the source's configuration was last read in full, and whether an admin asked for a read since. */
export async function configuredSchedule(db: Db, sourceId: string): Promise<ConfiguredSchedule> {
  const row = await db.sourceHealth.findUnique({
    where: { sourceId },
    select: { configuredReadAt: true, configuredRequestedAt: true, configuredCount: true },
  });
  return {
    readAt: row?.configuredReadAt ?? null,
    requestedAt: row?.configuredRequestedAt ?? null,
    count: row?.configuredCount ?? null,
  };
}

/** The devices the source's configuration lists now (missing ones left out). */
export async function configuredDevices(db: Db, sourceId: string): Promise<ConfiguredDeviceState[]> {
  const rows = await db.configuredDevice.findMany({
    where: { sourceId, missing: false },
    select: {
      name: true,
      deviceClass: true,
      model: true,
      protocol: true,
      description: true,
      devicePool: true,
      location: true,
      ownerUser: true,
      lines: true,
    },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => {
    let lines: ConfiguredDeviceState["lines"] = [];
    try {
      const parsed: unknown = JSON.parse(row.lines);
      if (Array.isArray(parsed))
        lines = parsed.filter(
          (l): l is { index: number; dn: string } =>
            typeof l === "object" && l !== null && typeof l.index === "number" && typeof l.dn === "string",
        );
    } catch {
      // unreadable lines: none
    }
    return { ...row, lines };
  });
}

/**
 * Stores one complete read: new devices created, changed ones updated, those no longer listed
 * marked missing (a device listed again comes back). Also records the read on SourceHealth.
 */
export async function storeConfiguredDevices(
  db: Db,
  sourceId: string,
  devices: readonly ConfiguredDeviceState[],
  at: Date,
): Promise<{ created: number; changed: number; removed: number; total: number }> {
  return db.$transaction(
    async (tx) => {
      const stored = await tx.configuredDevice.findMany({
        where: { sourceId },
        select: { id: true, name: true, fingerprint: true, missing: true },
      });
      const byKey = new Map(stored.map((row) => [row.name.toUpperCase(), row]));
      const seen = new Set<string>();
      const creates: object[] = [];
      let changed = 0;
      for (const device of devices) {
        const key = device.name.toUpperCase();
        if (seen.has(key)) continue; // listed twice: the first wins
        seen.add(key);
        const print = fingerprintOf(device);
        const row = byKey.get(key);
        if (!row) {
          creates.push({ sourceId, name: device.name, ...fields(device), fingerprint: print, firstSeenAt: at });
        } else if (row.missing || row.fingerprint !== print) {
          await tx.configuredDevice.update({
            where: { id: row.id },
            data: { name: device.name, ...fields(device), fingerprint: print, missing: false },
          });
          changed++;
        }
      }
      for (let start = 0; start < creates.length; start += CHUNK)
        await tx.configuredDevice.createMany({ data: creates.slice(start, start + CHUNK) as never });
      const gone = stored.filter((row) => !row.missing && !seen.has(row.name.toUpperCase())).map((row) => row.id);
      for (let start = 0; start < gone.length; start += CHUNK)
        await tx.configuredDevice.updateMany({
          where: { id: { in: gone.slice(start, start + CHUNK) } },
          data: { missing: true },
        });
      await tx.sourceHealth.updateMany({
        where: { sourceId },
        data: { configuredReadAt: at, configuredCount: seen.size, configuredError: null },
      });
      return { created: creates.length, changed, removed: gone.length, total: seen.size };
    },
    { timeout: 120_000 },
  );
}

/** A read that failed: the stored list stays; the error is shown on the source, and a request for a read is answered. */
export async function recordConfiguredFailure(db: Db, sourceId: string, message: string): Promise<void> {
  await db.sourceHealth.updateMany({
    where: { sourceId },
    data: { configuredError: message, configuredRequestedAt: null },
  });
}
