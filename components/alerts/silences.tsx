"use client";
// Silences (maintenance windows): scope, time range, who and why; a new one from a form that an
// alert's "Silence…" button fills in.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextField } from "@/components/ui/field";
import { formatTime } from "@/components/ui/format";
import type { Rule } from "./api";
import { useAddSilence, useEndSilence, useSilences } from "./use-alerts";

export interface SilenceDraft {
  ruleId?: string;
  site?: string;
  subject?: string;
}

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

export function SilenceForm({ draft, rules }: { draft: SilenceDraft; rules: Rule[] }) {
  const add = useAddSilence();
  const [ruleId, setRuleId] = useState(draft.ruleId ?? "");
  const [site, setSite] = useState(draft.site ?? "");
  const [subject, setSubject] = useState(draft.subject ?? "");
  const [hours, setHours] = useState("2");
  const [startsAt, setStartsAt] = useState(localInput(new Date()));
  const [reason, setReason] = useState("");
  useEffect(() => {
    setRuleId(draft.ruleId ?? "");
    setSite(draft.site ?? "");
    setSubject(draft.subject ?? "");
  }, [draft]);
  return (
    <form
      aria-label="New silence"
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        const start = new Date(startsAt);
        add.mutate(
          {
            ruleId: ruleId || undefined,
            site: site || undefined,
            subject: subject || undefined,
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + Number(hours) * 3_600_000).toISOString(),
            reason,
          },
          { onSuccess: () => setReason("") },
        );
      }}
    >
      <SelectField
        label="Rule"
        value={ruleId}
        onChange={(e) => setRuleId(e.target.value)}
        options={[{ value: "", label: "Any rule" }, ...rules.map((r) => ({ value: r.id, label: r.name }))]}
      />
      <TextField label="Site" value={site} onChange={(e) => setSite(e.target.value)} hint="Empty: any site" />
      <TextField
        label="Subject"
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        hint="e.g. site:Manchester or device:SEP…; empty: any"
      />
      <TextField label="Starts" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
      <TextField
        label="Hours"
        type="number"
        min={0.25}
        step={0.25}
        value={hours}
        onChange={(e) => setHours(e.target.value)}
      />
      <TextField label="Reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="sm:col-span-3 flex items-center gap-2">
        <Button type="submit" disabled={add.isPending || !reason.trim()}>
          Add silence
        </Button>
        {add.error && <Notice tone="error">{add.error.message}</Notice>}
        {add.isSuccess && <Notice tone="success">Silence added.</Notice>}
      </div>
    </form>
  );
}

export function SilenceList({ canEnd, rules }: { canEnd: boolean; rules: Rule[] }) {
  const silences = useSilences();
  const end = useEndSilence();
  const ruleName = (id: string | null) => (id ? (rules.find((r) => r.id === id)?.name ?? id) : "Any rule");
  if (silences.error) return <Notice tone="error">{silences.error.message}</Notice>;
  if (!silences.data) return null;
  if (silences.data.items.length === 0)
    return <p className="text-sm text-slate-500">No silences in the last 7 days.</p>;
  return (
    <table>
      <caption className="sr-only">Silences</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left dark:border-slate-800">
          <th scope="col" className="py-2 pr-3">
            Scope
          </th>
          <th scope="col" className="pr-3">
            From
          </th>
          <th scope="col" className="pr-3">
            Until
          </th>
          <th scope="col" className="pr-3">
            Set by
          </th>
          <th scope="col" className="pr-3">
            Reason
          </th>
          <th scope="col" className="pr-3">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {silences.data.items.map((s) => (
          <tr key={s.id} className="border-b border-slate-100 text-sm dark:border-slate-800/60">
            <th scope="row" className="py-2 pr-3 font-normal">
              {[ruleName(s.ruleId), s.site && `site ${s.site}`, s.subject].filter(Boolean).join(", ")}
            </th>
            <td className="pr-3">{formatTime(s.startsAt)}</td>
            <td className="pr-3">{s.cancelledAt ? `ended ${formatTime(s.cancelledAt)}` : formatTime(s.endsAt)}</td>
            <td className="pr-3">{s.createdBy}</td>
            <td className="pr-3">{s.reason}</td>
            <td className="pr-3">
              {canEnd && s.active && (
                <Button variant="secondary" disabled={end.isPending} onClick={() => end.mutate(s.id)}>
                  End now
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
