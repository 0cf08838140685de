import type { TrendRange } from "@/lib/domain/trend";

export const overviewKeys = {
  all: ["overview"] as const,
  range: (range: TrendRange) => [...overviewKeys.all, range] as const,
};
