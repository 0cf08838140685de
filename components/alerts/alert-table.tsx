"use client";
// Alerts as a table: open ones first (with acknowledge and silence when allowed), then history.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/field";
import { formatTime } from "@/components/ui/format";
import type { Alert } from "./api";
import { useAcknowledge } from "./use-alerts";

const severityTone = (s: string) => (s === "critical" ? "bad" : s === "warning" ? "warn" : "neutral");

function AcknowledgeForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const [note, setNote] = useState("");
  const ack = useAcknowledge();
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        ack.mutate({ id: alert.id, note }, { onSuccess: onDone });
      }}
    >
      <TextField
        label="Acknowledgement note"
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        placeholder="Ticket, who is on it"
      />
      <Button type="submit" disabled={ack.isPending}>
        Confirm acknowledge
      </Button>
      {ack.error && <Notice tone="error">{ack.error.message}</Notice>}
    </form>
  );
}

export function AlertTable({
  items,
  caption,
  canAcknowledge,
  onSilence,
}: {
  items: Alert[];
  caption: string;
  canAcknowledge: boolean;
  onSilence?: (alert: Alert) => void;
}) {
  const [acking, setAcking] = useState<string | null>(null);
  return (
    <table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left dark:border-slate-800">
          <th scope="col" className="py-2 pr-3">
            Severity
          </th>
          <th scope="col" className="pr-3">
            Rule
          </th>
          <th scope="col" className="pr-3">
            What happened
          </th>
          <th scope="col" className="pr-3">
            Since
          </th>
          <th scope="col" className="pr-3">
            Duration
          </th>
          <th scope="col" className="pr-3">
            State
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} className="border-b border-slate-100 align-top text-sm dark:border-slate-800/60">
            <td className="py-2 pr-3">
              <Badge tone={severityTone(a.severity)}>{a.severity}</Badge>
            </td>
            <th scope="row" className="pr-3 font-normal">
              {a.rule.name}
            </th>
            <td className="pr-3">
              {a.summary}
              {a.acknowledged && (
                <p className="text-xs text-slate-500">
                  Acknowledged by {a.acknowledged.by} at {formatTime(a.acknowledged.at)}
                  {a.acknowledged.note ? `: ${a.acknowledged.note}` : ""}
                </p>
              )}
              {acking === a.id && <AcknowledgeForm alert={a} onDone={() => setAcking(null)} />}
            </td>
            <td className="pr-3">
              <time dateTime={a.startedAt}>{formatTime(a.startedAt)}</time>
            </td>
            <td className="pr-3">{a.durationMinutes} min</td>
            <td className="pr-3">
              <div className="flex flex-col items-start gap-1">
                {a.state === "firing" ? <Badge tone="bad">Firing</Badge> : <Badge tone="good">Resolved</Badge>}
                {a.silenced && <Badge>Silenced</Badge>}
                {a.state === "firing" && canAcknowledge && !a.acknowledged && acking !== a.id && (
                  <Button
                    variant="secondary"
                    onClick={() => setAcking(a.id)}
                    aria-label={`Acknowledge ${a.rule.name}: ${a.subject}`}
                  >
                    Acknowledge
                  </Button>
                )}
                {a.state === "firing" && canAcknowledge && onSilence && (
                  <Button
                    variant="ghost"
                    onClick={() => onSilence(a)}
                    aria-label={`Silence ${a.rule.name}: ${a.subject}`}
                  >
                    Silence…
                  </Button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
