// One phone, several sources: from every source's record of one device, its effective state
// (registered to its cluster, in fallback on an SRST/CME router, ...), the record that represents
// it in lists and counts, and its site. Pure, so the rules are tested without a database.
import type { EffectiveStatus } from "@/lib/domain/status";
import type { SiteMatcher } from "@/lib/domain/site-rules";

export type { EffectiveStatus };

export type Listing = "shown" | "gone" | "shadow";

export interface SourceFacts {
  kind: "cme" | "cucm";
  site: string;
  /** Its data counts: enabled, and a successful poll within two intervals. */
  fresh: boolean;
}

export interface DeviceRecord {
  id: string;
  sourceId: string;
  name: string;
  registrationStatus: string;
  missing: boolean;
  ipAddress: string;
  description: string;
  /** A cluster record's device pool and location (AXL; "" for a router's): site rules match them. */
  devicePool: string;
  location: string;
}

export interface Resolved {
  status: EffectiveStatus;
  /** The router a device in fallback is registered to. */
  fallbackSourceId: string | null;
  site: string;
  /** The record that represents the device, and whether any source still lists it. */
  representativeId: string;
  listing: Exclude<Listing, "shadow">;
}

/** A cluster record says more than a router's: the phone's home is its cluster. */
// Configured-only states (AXL) come last: any state RisPort reports says more.
const rawPriority = ["partially-registered", "rejected", "unregistered", "unknown", "not-seen", "never-registered"];

function byPreference(sources: ReadonlyMap<string, SourceFacts>) {
  const rank = (r: DeviceRecord) => {
    const kind = sources.get(r.sourceId)?.kind === "cucm" ? 0 : 1;
    return (r.missing ? 4 : 0) + kind * 2 + (r.registrationStatus === "registered" ? 0 : 1);
  };
  return (a: DeviceRecord, b: DeviceRecord) => rank(a) - rank(b) || a.sourceId.localeCompare(b.sourceId);
}

/** How long a phone that left its SRST router reads "returning" before it reads as its sources say. */
export const RETURN_GRACE_MS = 10 * 60_000;

/** The device's effective state before this resolve, and when it took it. */
export interface PreviousState {
  status: string;
  changedAt: Date;
}

export function resolveDevice(
  records: readonly DeviceRecord[],
  sources: ReadonlyMap<string, SourceFacts>,
  siteOf: SiteMatcher,
  previous: PreviousState | null = null,
  at: Date = new Date(0),
): Resolved {
  if (records.length === 0) throw new Error("resolveDevice needs at least one record");
  const kindOf = (r: DeviceRecord) => sources.get(r.sourceId)?.kind ?? "cme";
  const usable = (r: DeviceRecord) => !r.missing && sources.get(r.sourceId)?.fresh === true;
  const clusterRecords = records.filter((r) => kindOf(r) === "cucm");
  const routerRecords = records.filter((r) => kindOf(r) === "cme");
  const ordered = [...records].sort(byPreference(sources));
  const representative = ordered[0]!;
  const listing = records.some((r) => !r.missing) ? "shown" : "gone";

  const registeredOnCluster = clusterRecords.some((r) => usable(r) && r.registrationStatus === "registered");
  const fallbackRouter = routerRecords
    .filter((r) => usable(r) && r.registrationStatus === "registered")
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId))[0];

  let status: EffectiveStatus;
  let fallbackSourceId: string | null = null;
  if (registeredOnCluster) status = "registered";
  else if (fallbackRouter && clusterRecords.length > 0) {
    // Unregistered or gone on its cluster, registered on a router: the branch fell back to SRST.
    status = "in-fallback";
    fallbackSourceId = fallbackRouter.sourceId;
  } else if (fallbackRouter) status = "registered";
  else {
    const current = records.filter(usable);
    const preferred = current.some((r) => kindOf(r) === "cucm") ? current.filter((r) => kindOf(r) === "cucm") : current;
    const raw = rawPriority.find((s) => preferred.some((r) => r.registrationStatus === s));
    status = (raw as EffectiveStatus | undefined) ?? "unknown";
    // Off its router and not yet back on its cluster: after a WAN comes back, a branch phone
    // takes a minute or two to re-register. That is the end of an outage, not a new one.
    if (clusterRecords.length > 0 && routerRecords.length > 0 && status !== "rejected") {
      if (previous?.status === "in-fallback") status = "returning";
      else if (previous?.status === "returning" && at.getTime() - previous.changedAt.getTime() < RETURN_GRACE_MS)
        status = "returning";
    }
  }

  const routerSite =
    (fallbackRouter ? sources.get(fallbackRouter.sourceId) : undefined)?.site ??
    (routerRecords[0] ? sources.get(routerRecords[0].sourceId)?.site : undefined);
  const site =
    kindOf(representative) === "cme"
      ? (sources.get(representative.sourceId)?.site ?? "")
      : (siteOf(representative) ?? routerSite ?? sources.get(representative.sourceId)?.site ?? "");

  return { status, fallbackSourceId, site, representativeId: representative.id, listing };
}

/** When a device's effective state moves, what its change and "left registered" times become. */
export function nextTimes(
  before: { status: string; changedAt: Date; leftRegisteredAt: Date | null } | null,
  status: EffectiveStatus,
  at: Date,
): { changedAt: Date; leftRegisteredAt: Date | null } {
  if (!before) return { changedAt: at, leftRegisteredAt: null };
  const changedAt = before.status === status ? before.changedAt : at;
  if (status === "registered") return { changedAt, leftRegisteredAt: null };
  return { changedAt, leftRegisteredAt: before.status === "registered" ? at : before.leftRegisteredAt };
}
