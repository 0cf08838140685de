"use client";
// The organisation's time zone for trends and availability reports: fixed, so every manager's
// "Monday" and "November" are the same hours, or each viewer's own browser zone.
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/field";
import { viewerTimeZone } from "@/components/ui/format";
import { useSetTimeZone, useTimeZoneSetting } from "./use-sites";

const VIEWERS = "";

function zoneOptions(current: string | null): { value: string; label: string }[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  // "UTC" is not always in the list, and a stored zone must stay choosable.
  const all = [...new Set(["UTC", ...zones, ...(current ? [current] : [])])].sort();
  return [
    { value: VIEWERS, label: "Each viewer's own (their browser's zone)" },
    ...all.map((z) => ({ value: z, label: z.replaceAll("_", " ") })),
  ];
}

const originWords = {
  setting: "chosen by an administrator",
  environment: "from LINEWATCH_TIME_ZONE, until an administrator chooses here",
  default: "nothing fixed",
} as const;

export function TimeZoneSetting({ canManage }: { canManage: boolean }) {
  const setting = useTimeZoneSetting();
  const save = useSetTimeZone();
  const [choice, setChoice] = useState(VIEWERS);
  const [saved, setSaved] = useState<string | null>(null);
  const stored = setting.data?.timeZone ?? null;
  useEffect(() => setChoice(stored ?? VIEWERS), [stored]);
  const options = useMemo(() => zoneOptions(stored), [stored]);

  if (!setting.data) return null;
  const { timeZone, origin } = setting.data;
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(null);
    save.mutate(choice === VIEWERS ? null : choice, { onSuccess: () => setSaved("Saved.") });
  };

  return (
    <form onSubmit={onSubmit} aria-labelledby="time-zone-heading" className="flex flex-col gap-3">
      <h2 id="time-zone-heading" className="font-medium">
        Time zone for trends and reports
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Trend buckets and availability months start at midnight in this zone.{" "}
        {timeZone ? (
          <>
            Now: <strong>{timeZone}</strong> ({originWords[origin]}).
          </>
        ) : (
          <>
            Now: each viewer's own ({originWords[origin]}); yours is <strong>{viewerTimeZone()}</strong>.
          </>
        )}
      </p>
      {canManage && (
        <div className="flex flex-wrap items-end gap-2">
          <SelectField
            label="Organisation time zone"
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value);
              setSaved(null);
            }}
            options={options}
          />
          <Button type="submit" disabled={save.isPending || choice === (stored ?? VIEWERS)}>
            Save time zone
          </Button>
        </div>
      )}
      {save.error && <Notice tone="error">{save.error.message}</Notice>}
      {saved && <Notice tone="success">{saved}</Notice>}
    </form>
  );
}
