// Merging what several CUCM nodes report. A device that failed over is listed by each node it
// touched, Registered on one and a stale UnRegistered on another: the newest TimeStamp is the
// truth. A node that is not Ok is reported, and the other nodes' records still count.
import type { ClusterDevice } from "../types";

const statusRank: Record<ClusterDevice["registrationStatus"], number> = {
  Registered: 4,
  PartiallyRegistered: 3,
  Rejected: 2,
  UnRegistered: 1,
  Unknown: 0,
};

/** True when `candidate` should replace `current` as the device's record. */
export function isNewerRecord(candidate: ClusterDevice, current: ClusterDevice): boolean {
  if (candidate.timeStamp !== current.timeStamp) return candidate.timeStamp > current.timeStamp;
  // Same second on two nodes: the live registration beats the stale copy.
  return statusRank[candidate.registrationStatus] > statusRank[current.registrationStatus];
}

/** Device names are unique in CUCM regardless of case. */
export const deviceKey = (name: string): string => name.toUpperCase();

/** One record per device, the newest, in first-seen order. */
export function mergeDeviceRecords(records: Iterable<ClusterDevice>): ClusterDevice[] {
  const byName = new Map<string, ClusterDevice>();
  for (const record of records) {
    if (!record.name) continue;
    const key = deviceKey(record.name);
    const current = byName.get(key);
    if (current === undefined || isNewerRecord(record, current)) byName.set(key, record);
  }
  return [...byName.values()];
}
