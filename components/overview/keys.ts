import type { OverviewQuery } from "./api";

export const overviewKeys = {
  all: ["overview"] as const,
  view: (q: OverviewQuery) => [...overviewKeys.all, q.range, q.scope, q.timeZone] as const,
};
