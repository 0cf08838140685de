// Plain-words summaries of the overview's figures: chart descriptions and banner lines.
import { formatCount } from "@/components/ui/format";

/** "Registered: 4,120 at the start, 3,980 now (lowest 3,900, highest 4,130)." */
export function describeSeries(label: string, values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return `${label}: no polls recorded in this period.`;
  return `${label}: ${formatCount(known[0]!)} at the start, ${formatCount(known.at(-1)!)} at the end (lowest ${formatCount(Math.min(...known))}, highest ${formatCount(Math.max(...known))}).`;
}
