// Reads for the Prometheus endpoint: each source's last poll, recent polls per outcome and RisPort
// budget use per cluster.
import { db } from "./client";

export interface LastPoll {
  sourceId: string;
  startedAt: Date;
  durationMs: number;
  outcome: string;
  requests: number;
}

/** The most recent poll of each source (one index seek per source). */
export async function lastPolls(sourceIds: string[]): Promise<LastPoll[]> {
  const polls = await Promise.all(
    sourceIds.map((sourceId) =>
      db().poll.findFirst({
        where: { sourceId },
        orderBy: { startedAt: "desc" },
        select: { sourceId: true, startedAt: true, durationMs: true, outcome: true, requests: true },
      }),
    ),
  );
  return polls.filter((p): p is LastPoll => p !== null);
}

/** RisPort requests each cluster's budget granted since `since`. */
export async function risportRequestsSince(since: Date): Promise<{ clusterId: string; count: number }[]> {
  const groups = await db().risportRequest.groupBy({
    by: ["clusterId"],
    where: { at: { gte: since } },
    _count: { _all: true },
  });
  return groups.map((g) => ({ clusterId: g.clusterId, count: g._count._all }));
}

/** Polls started since `since`, per source and outcome (ok, partial, failed). */
export async function pollOutcomesSince(
  since: Date,
): Promise<{ sourceId: string; outcome: string; count: number; seconds: number }[]> {
  const groups = await db().poll.groupBy({
    by: ["sourceId", "outcome"],
    where: { startedAt: { gte: since } },
    _count: { _all: true },
    _sum: { durationMs: true },
  });
  return groups.map((g) => ({
    sourceId: g.sourceId,
    outcome: g.outcome,
    count: g._count._all,
    seconds: (g._sum.durationMs ?? 0) / 1000,
  }));
}
