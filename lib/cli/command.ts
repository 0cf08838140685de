// One CLI command: its words ("user create"), usage line, options and what it does.
export interface CliOptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
}

export interface CliCommand {
  /** The words that name it, e.g. "user create". */
  name: string;
  usage: string;
  summary: string;
  options?: Record<string, CliOptionSpec>;
  /** Positional arguments after the command words. */
  run(input: { values: Record<string, unknown>; args: string[] }): Promise<void>;
}

export class UsageError extends Error {}

export const cliActor = { actor: "cli" };

export function option(values: Record<string, unknown>, name: string, required = true): string | undefined {
  const value = values[name];
  if (typeof value === "string" && value.length > 0) return value;
  if (required) throw new UsageError(`Missing --${name}`);
  return undefined;
}

/** `--json` on a list command: the same JSON the REST API answers, for scripts. */
export const jsonOption: Record<string, CliOptionSpec> = { json: { type: "boolean" } };

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** Columns padded to their widest cell; the last column is never padded. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
}
