// Times as people read them on the Sources page: "3 min ago", with the exact time on hover.
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 365],
];

export function ago(iso: string | null, now: number = Date.now()): string {
  if (!iso) return "never";
  let value = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), "year");
}

export const exact = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : undefined);
