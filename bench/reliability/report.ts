// The one table the reliability run prints: section | case | figure | verdict. Timings are
// figures ("info"); only containment, leaks, busy errors and secrets can fail the run.
export type Verdict = "pass" | "fail" | "info" | "skipped";

export interface ReportRow {
  section: string;
  case: string;
  figure: string;
  verdict: Verdict;
}

export class Report {
  readonly rows: ReportRow[] = [];
  /** Longer explanations printed under the table (what failed, where). */
  readonly notes: string[] = [];

  note(text: string): void {
    this.notes.push(text);
  }

  add(section: string, name: string, figure: string, verdict: Verdict): void {
    this.rows.push({ section, case: name, figure, verdict });
  }

  /** A pass/fail row from a condition. */
  check(section: string, name: string, figure: string, ok: boolean): void {
    this.add(section, name, figure, ok ? "pass" : "fail");
  }

  failed(): ReportRow[] {
    return this.rows.filter((row) => row.verdict === "fail");
  }

  /** The table, sections in the given order (others after them, in the order they were added). */
  render(sectionOrder: readonly string[] = []): string {
    const rank = (section: string) =>
      sectionOrder.includes(section) ? sectionOrder.indexOf(section) : sectionOrder.length;
    const rows = this.rows
      .map((row, i) => ({ row, i }))
      .sort((a, b) => rank(a.row.section) - rank(b.row.section) || a.i - b.i)
      .map(({ row }) => row);
    const header = { section: "section", case: "case", figure: "figure", verdict: "verdict" };
    const all: Array<Record<keyof ReportRow, string>> = [header, ...rows];
    const width = (key: keyof ReportRow, cap: number) => Math.min(cap, Math.max(...all.map((row) => row[key].length)));
    const widths = {
      section: width("section", 14),
      case: width("case", 46),
      figure: width("figure", 180),
      verdict: width("verdict", 7),
    };
    const cell = (text: string, size: number) =>
      text.length > size ? `${text.slice(0, size - 1)}…` : text.padEnd(size);
    const line = (row: Record<keyof ReportRow, string>) =>
      `| ${cell(row.section, widths.section)} | ${cell(row.case, widths.case)} | ${cell(row.figure, widths.figure)} | ${cell(row.verdict, widths.verdict)} |`;
    const rule = `|${"-".repeat(widths.section + 2)}|${"-".repeat(widths.case + 2)}|${"-".repeat(widths.figure + 2)}|${"-".repeat(widths.verdict + 2)}|`;
    const notes = this.notes.map((text, i) => `[${i + 1}] ${text}`);
    return [line(header), rule, ...rows.map(line), ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
  }
}

export const mib = (bytes: number) => bytes / 1024 / 1024;
export const fmtMiB = (bytes: number) => `${mib(bytes).toFixed(1)} MiB`;
export const fmtMs = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
