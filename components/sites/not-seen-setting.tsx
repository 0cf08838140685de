"use client";
// The organisation's "not seen" threshold: after how many days a phone configured on a cluster
// (read through AXL) that RisPort no longer reports stops reading as its last state.
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useNotSeenDaysSetting, useSetNotSeenDays } from "./use-sites";

const MIN_DAYS = 1;
const MAX_DAYS = 365;

/** A whole number of days in range, or the words saying what is wrong. */
function daysOf(text: string): number | string {
  const days = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  return Number.isInteger(days) && days >= MIN_DAYS && days <= MAX_DAYS
    ? days
    : `Enter a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}.`;
}

export function NotSeenSetting({ canManage }: { canManage: boolean }) {
  const setting = useNotSeenDaysSetting();
  const save = useSetNotSeenDays();
  const inputId = useId();
  const [text, setText] = useState(() => (setting.data ? String(setting.data.days) : ""));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const stored = setting.data?.days;
  useEffect(() => {
    if (stored !== undefined) setText(String(stored));
  }, [stored]);

  if (!setting.data) return null;
  const { days, defaultDays } = setting.data;
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const parsed = daysOf(text);
    if (typeof parsed === "string") return setProblem(parsed);
    setProblem(null);
    save.mutate(parsed, { onSuccess: () => setSaved("Saved. Cluster polls use it from now on.") });
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="not-seen-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="not-seen-heading" className="font-medium">
        Configured phones RisPort no longer sees
      </h2>
      {canManage ? (
        <div className="flex flex-wrap items-center gap-x-2 gap-y-2 text-sm">
          <label htmlFor={inputId}>A configured cluster phone RisPort has not seen for</label>
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={MIN_DAYS}
            max={MAX_DAYS}
            step={1}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(null);
              setSaved(null);
            }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${inputId}-rest`}
            className="w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm tabular-nums dark:border-slate-700 dark:bg-slate-900"
          />
          <span id={`${inputId}-rest`}>days reads “not seen for N days”.</span>
          <Button type="submit" disabled={save.isPending || text.trim() === String(days)}>
            Save days
          </Button>
        </div>
      ) : (
        <p className="text-sm">
          A configured cluster phone RisPort has not seen for <strong>{days}</strong> days reads “not seen for {days}{" "}
          days”.
        </p>
      )}
      <p className="text-xs text-slate-500">
        Only clusters that read their configured devices through AXL have such phones. Until then it keeps its last
        state; a configured phone RisPort has never seen reads “never registered”. Default: {defaultDays} days.
      </p>
      {problem && <Notice tone="error">{problem}</Notice>}
      {save.error && <Notice tone="error">{save.error.message}</Notice>}
      {saved && <Notice tone="success">{saved}</Notice>}
    </form>
  );
}
