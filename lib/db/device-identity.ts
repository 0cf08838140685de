// What makes several sources' records one phone: the MAC its name carries (SEP…, ATA…), else its
// name in upper case. The migration backfills the same expression in SQL.
export function deviceIdentity(device: { name: string; mac: string | null }): string {
  return device.mac ? `mac:${device.mac}` : `name:${device.name.trim().toUpperCase()}`;
}
