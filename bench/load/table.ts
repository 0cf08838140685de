// Plain-text tables: columns padded to their widest cell, numbers right-aligned.
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export const num = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits);
export const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0
    ? "-"
    : (a / b).toFixed(2);
/** "met" / "NOT met" / "-" when a figure is missing. */
export function verdict(value: number | undefined, ok: (v: number) => boolean): string {
  return value === undefined || !Number.isFinite(value) ? "-" : ok(value) ? "met" : "NOT met";
}
