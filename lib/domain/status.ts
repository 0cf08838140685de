// Registration and CTI states in the users' words, and the orders "sort by status" uses:
// problems first, so the phones and apps that need attention lead the list.

export const registrationStatuses = [
  "registered",
  "unregistered",
  "rejected",
  "partially-registered",
  "unknown",
  // From a cluster's configured inventory (AXL), never from RisPort: configured but never seen by
  // RisPort, and configured but not seen by RisPort for the organisation's number of days.
  "never-registered",
  "not-seen",
] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** Per-status counts with JavaScript-friendly keys (the Poll columns use the same names). */
export type StatusCounts = {
  registered: number;
  unregistered: number;
  rejected: number;
  partiallyRegistered: number;
  unknown: number;
};
export const countKeys = [
  "registered",
  "unregistered",
  "rejected",
  "partiallyRegistered",
  "unknown",
] as const satisfies readonly (keyof StatusCounts)[];

export const emptyCounts = (): StatusCounts => ({
  registered: 0,
  unregistered: 0,
  rejected: 0,
  partiallyRegistered: 0,
  unknown: 0,
});

export function countKey(status: string): keyof StatusCounts {
  switch (status) {
    case "registered":
      return "registered";
    // A source's own counts (and the trend) take configured phones RisPort does not show as down.
    case "unregistered":
    case "never-registered":
    case "not-seen":
      return "unregistered";
    case "rejected":
      return "rejected";
    case "partially-registered":
      return "partiallyRegistered";
    default:
      return "unknown";
  }
}

export const asRegistrationStatus = (status: string): RegistrationStatus =>
  (registrationStatuses as readonly string[]).includes(status) ? (status as RegistrationStatus) : "unknown";

export const totalOf = (c: StatusCounts) =>
  c.registered + c.unregistered + c.rejected + c.partiallyRegistered + c.unknown;

/** Sort order of "status, ascending": worst first. */
export const registrationSortOrder: readonly string[] = [
  "rejected",
  "unregistered",
  "partially-registered",
  "unknown",
  "not-seen",
  "never-registered",
  "registered",
];

/**
 * A device's state across every source reporting it (lib/inventory/effective): "in-fallback" is
 * a branch phone that lost its cluster and registered to its SRST/CME router; "returning" is one
 * that left its router and has not re-registered on its cluster yet (it is counted with the
 * phones in fallback, for a few minutes at most: then it reads as what the sources say).
 */
export const effectiveStatuses = [
  "registered",
  "in-fallback",
  "returning",
  "unregistered",
  "rejected",
  "partially-registered",
  "unknown",
  "never-registered",
  "not-seen",
] as const;
export type EffectiveStatus = (typeof effectiveStatuses)[number];
export const asEffectiveStatus = (status: string): EffectiveStatus =>
  (effectiveStatuses as readonly string[]).includes(status) ? (status as EffectiveStatus) : "unknown";
/** Worst first; in fallback is a problem, though the phone still makes calls. */
export const effectiveSortOrder: readonly string[] = [
  "rejected",
  "unregistered",
  "partially-registered",
  "in-fallback",
  "returning",
  "unknown",
  "not-seen",
  "never-registered",
  "registered",
];

/** Effective counts: the registration counts plus phones in fallback. */
/** Effective counts: the registration counts plus phones in fallback, and the configured phones RisPort
 *  never saw or has not seen for a while (clusters with AXL only). */
export type EffectiveCounts = TrendCounts & { neverRegistered: number; notSeen: number };
/** What a trend sample keeps: configured phones RisPort does not show count as unregistered there. */
export type TrendCounts = StatusCounts & { inFallback: number };
export const trendCountsOf = (c: EffectiveCounts): TrendCounts => ({
  registered: c.registered,
  inFallback: c.inFallback,
  unregistered: c.unregistered + c.neverRegistered + c.notSeen,
  rejected: c.rejected,
  partiallyRegistered: c.partiallyRegistered,
  unknown: c.unknown,
});
export const emptyEffectiveCounts = (): EffectiveCounts => ({
  ...emptyCounts(),
  inFallback: 0,
  neverRegistered: 0,
  notSeen: 0,
});
export function effectiveCountKey(status: string): keyof EffectiveCounts {
  if (status === "in-fallback" || status === "returning") return "inFallback";
  if (status === "never-registered") return "neverRegistered";
  if (status === "not-seen") return "notSeen";
  return countKey(status);
}
export const effectiveTotalOf = (c: EffectiveCounts) => totalOf(c) + c.inFallback + c.neverRegistered + c.notSeen;

export const ctiStatuses = ["open", "closed", "open-failed", "unknown"] as const;
export type CtiStatus = (typeof ctiStatuses)[number];
/** Failed opens first. */
export const ctiSortOrder: readonly string[] = ["open-failed", "closed", "unknown", "open"];

/**
 * Stored status values in the order a status sort shows them: the known order first, then any
 * value the sources reported that the order does not name (alphabetically), so none is dropped.
 */
export function statusSequence(
  order: readonly string[],
  present: readonly string[],
  direction: "asc" | "desc",
): string[] {
  const extra = present.filter((s) => !order.includes(s)).sort();
  const sequence = [...order.filter((s) => present.includes(s)), ...extra];
  return direction === "asc" ? sequence : sequence.reverse();
}

/**
 * The slices of each status group that make up one page when rows are ordered by group:
 * groups in sequence, each with its row count, and the page as skip/take over the whole list.
 */
export function pageAcrossGroups<K>(
  groups: readonly { key: K; count: number }[],
  skip: number,
  take: number,
): { key: K; skip: number; take: number }[] {
  const out: { key: K; skip: number; take: number }[] = [];
  let offset = 0;
  for (const group of groups) {
    const start = Math.max(skip - offset, 0);
    const end = Math.min(skip + take - offset, group.count);
    if (end > start) out.push({ key: group.key, skip: start, take: end - start });
    offset += group.count;
    if (offset >= skip + take) break;
  }
  return out;
}

/** "Everything not registered": the phones that cannot make calls (in fallback ones can). */
export const notRegisteredStatuses: readonly EffectiveStatus[] = [
  "unregistered",
  "rejected",
  "partially-registered",
  "unknown",
];
export const NOT_REGISTERED = "not-registered";

/**
 * A status filter as a URL carries it: one status, several separated by commas, or
 * "not-registered" for all of notRegisteredStatuses. Unknown words are returned apart.
 */
export function parseStatusList(text: string): { statuses: EffectiveStatus[]; unknown: string[] } {
  const statuses = new Set<EffectiveStatus>();
  const unknown: string[] = [];
  for (const word of text.split(",").map((w) => w.trim())) {
    if (!word) continue;
    if (word === NOT_REGISTERED) for (const s of notRegisteredStatuses) statuses.add(s);
    else if ((effectiveStatuses as readonly string[]).includes(word)) statuses.add(word as EffectiveStatus);
    else unknown.push(word);
  }
  return { statuses: effectiveStatuses.filter((s) => statuses.has(s)), unknown };
}

/** The URL form of a status list: "not-registered" when it is exactly that group. */
export function writeStatusList(statuses: readonly EffectiveStatus[]): string {
  const set = new Set(statuses);
  if (set.size === notRegisteredStatuses.length && notRegisteredStatuses.every((s) => set.has(s)))
    return NOT_REGISTERED;
  return effectiveStatuses.filter((s) => set.has(s)).join(",");
}
