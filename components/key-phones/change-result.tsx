"use client";
// What the router answered for a key-phone change: per phone, in order, true or false; after an
// unanswered request, the flags read back.
import type { KeyPhoneChange, SaveConfigResult } from "@/lib/domain/cme-actions";
import { Badge } from "@/components/ui/badge";
import { KeyPhoneFlag } from "./key-phone-table";

const outcomeTone = { success: "good", partial: "warn", failure: "bad", unknown: "warn" } as const;
const outcomeWords = {
  success: "Done",
  partial: "Partly done",
  failure: "Not done",
  unknown: "Outcome unknown",
} as const;

/** One phone's answer in words: "Set as key phone: done", "Unset as key phone: refused". */
export function answerWords(action: KeyPhoneChange["action"], ok: boolean): string {
  return `${action === "set" ? "Set as key phone" : "Unset as key phone"}: ${ok ? "done" : "refused"}`;
}

export function ChangeResult({ change }: { change: KeyPhoneChange }) {
  return (
    <div className="flex flex-col gap-2">
      <p>
        <Badge tone={outcomeTone[change.outcome]}>{outcomeWords[change.outcome]}</Badge> <span>{change.message}</span>
      </p>
      {change.results.length > 0 && (
        <ol aria-label="Router answers, in order" className="flex flex-col gap-0.5 font-mono text-xs">
          {change.results.map((r) => (
            <li key={r.phone}>
              {r.phone}{" "}
              <span className="font-sans">
                {answerWords(change.action, r.ok)}
                <span className="text-slate-600 dark:text-slate-400"> (the router answered {String(r.ok)})</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      {change.readBack && (
        <ul aria-label="Flags read back from the router" className="flex flex-col gap-0.5 text-xs">
          {change.readBack.map((r) => (
            <li key={r.phone}>
              <span className="font-mono">{r.phone}</span>:{" "}
              {r.keyPhone === null ? "the router does not know this phone" : <KeyPhoneFlag keyPhone={r.keyPhone} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const saveTone = { saved: "good", delayed: "warn", failed: "bad", unknown: "warn" } as const;
const saveWords = {
  saved: "Saved",
  delayed: "Save delayed",
  failed: "Save failed",
  unknown: "Outcome unknown",
} as const;

export function SaveResult({ save }: { save: SaveConfigResult }) {
  return (
    <p>
      <Badge tone={saveTone[save.result]}>{saveWords[save.result]}</Badge> <span>{save.message}</span>
    </p>
  );
}
