"use client";
// Shows a generated secret once, with a copy button; it is never stored in the browser.
import { useState } from "react";
import { Button } from "./button";

export function SecretReveal({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
    >
      <p className="font-medium">{label}</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">Shown only now. Copy it before closing.</p>
      <div className="mt-2 flex items-center gap-2">
        <output aria-label={label} aria-live="off" className="rounded bg-white px-2 py-1 font-mono dark:bg-slate-900">
          {value}
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
