"use client";
// Shows a generated secret once, with a copy button; it is never stored in the browser.
import { useState } from "react";
import { Button } from "./button";

/** `value` in runs of `size` characters (the last may be shorter). */
export function groupsOf(value: string, size: number): string[] {
  const groups: string[] = [];
  for (let i = 0; i < value.length; i += size) groups.push(value.slice(i, i + size));
  return groups;
}

export function SecretReveal({
  label,
  value,
  onDone,
  groupBy,
}: {
  label: string;
  value: string;
  onDone: () => void;
  /** Show the value in groups of this many characters, spaced by margins (no characters added: copying or selecting it gives the value itself). */
  groupBy?: number;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
    >
      <p className="font-medium">{label}</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Shown only now. Copy it before closing.{groupBy ? " The gaps are for reading: type it without spaces." : ""}
      </p>
      <div className="mt-2 flex items-center gap-2">
        <output aria-label={label} aria-live="off" className="rounded bg-white px-2 py-1 font-mono dark:bg-slate-900">
          {groupBy
            ? groupsOf(value, groupBy).map((group, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the groups are positions in one fixed value
                <span key={i} className={i > 0 ? "ml-2" : undefined}>
                  {group}
                </span>
              ))
            : value}
        </output>
        <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true))}>
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
