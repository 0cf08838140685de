"use client";
// Alert rules for admins: each rule's kind, severity, "for at least", repeat and on/off; a form
// for a new rule whose parameters start from the kind's defaults (JSON, documented in the API).
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextField } from "@/components/ui/field";
import type { Rule } from "./api";
import { useAddRule, useRemoveRule, useRules, useSaveRule } from "./use-alerts";

const kinds = [
  { value: "site-outage", label: "Site outage", params: {} },
  {
    value: "registration-drop",
    label: "Registration drop",
    params: { dropPoints: 10, windowMinutes: 15, scope: "site" },
  },
  {
    value: "source-health",
    label: "Source unreachable / credentials / stale",
    params: { conditions: ["unreachable", "auth-failed", "stale"] },
  },
  { value: "key-phone", label: "Key or critical phone unregistered", params: { includeCritical: true } },
  { value: "cti-app", label: "CTI application failed", params: { statuses: ["open-failed"] } },
  { value: "flapping", label: "Phone flapping", params: { changesPerHour: 6 } },
] as const;

const minutes = (s: number) => (s === 0 ? "—" : `${Math.round(s / 6) / 10} min`);

export function RulesAdmin({ canManage }: { canManage: boolean }) {
  const rules = useRules();
  const save = useSaveRule();
  const remove = useRemoveRule();
  const toggle = (r: Rule) =>
    save.mutate({
      id: r.id,
      body: {
        name: r.name,
        kind: r.kind,
        enabled: !r.enabled,
        severity: r.severity,
        params: r.params,
        forSeconds: r.forSeconds,
        repeatSeconds: r.repeatSeconds,
        channelIds: r.channelIds,
      },
    });
  return (
    <section aria-labelledby="rules-heading" className="flex flex-col gap-3">
      <h2 id="rules-heading" className="font-medium">
        Rules
      </h2>
      {rules.error && <Notice tone="error">{rules.error.message}</Notice>}
      {(save.error ?? remove.error) && <Notice tone="error">{(save.error ?? remove.error)!.message}</Notice>}
      {rules.data && (
        <table>
          <caption className="sr-only">Alert rules</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th scope="col" className="py-2 pr-3">
                Rule
              </th>
              <th scope="col" className="pr-3">
                Kind
              </th>
              <th scope="col" className="pr-3">
                Severity
              </th>
              <th scope="col" className="pr-3">
                For at least
              </th>
              <th scope="col" className="pr-3">
                Repeat
              </th>
              <th scope="col" className="pr-3">
                Parameters
              </th>
              <th scope="col" className="pr-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.data.items.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 text-sm dark:border-slate-800/60">
                <th scope="row" className="py-2 pr-3 font-normal">
                  {r.name} {!r.enabled && <Badge>Off</Badge>}
                </th>
                <td className="pr-3">{r.kind}</td>
                <td className="pr-3">{r.severity}</td>
                <td className="pr-3">{minutes(r.forSeconds)}</td>
                <td className="pr-3">{minutes(r.repeatSeconds)}</td>
                <td className="pr-3">
                  <code className="text-xs">{JSON.stringify(r.params)}</code>
                </td>
                <td className="pr-3">
                  {canManage && (
                    <div className="flex gap-1">
                      <Button
                        variant="secondary"
                        disabled={save.isPending}
                        onClick={() => toggle(r)}
                        aria-label={`${r.enabled ? "Turn off" : "Turn on"} ${r.name}`}
                      >
                        {r.enabled ? "Turn off" : "Turn on"}
                      </Button>
                      <Button
                        variant="ghost"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(r.id)}
                        aria-label={`Remove ${r.name}`}
                      >
                        Remove
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && <NewRuleForm />}
    </section>
  );
}

function NewRuleForm() {
  const add = useAddRule();
  const [kind, setKind] = useState<(typeof kinds)[number]["value"]>("site-outage");
  const [name, setName] = useState("");
  const [severity, setSeverity] = useState<"critical" | "warning" | "info">("warning");
  const [forMinutes, setForMinutes] = useState("0");
  const [repeatMinutes, setRepeatMinutes] = useState("0");
  const [params, setParams] = useState("{}");
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <form
      aria-label="New alert rule"
      className="grid gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-3 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(params) as Record<string, unknown>;
          setParseError(null);
        } catch {
          setParseError('Parameters must be JSON, e.g. {"dropPoints": 10}.');
          return;
        }
        add.mutate(
          {
            name,
            kind,
            severity,
            enabled: true,
            params: parsed,
            forSeconds: Math.round(Number(forMinutes) * 60),
            repeatSeconds: Math.round(Number(repeatMinutes) * 60),
            channelIds: [],
          },
          { onSuccess: () => setName("") },
        );
      }}
    >
      <h3 className="sm:col-span-3 text-sm font-medium">New rule</h3>
      <TextField label="Rule name" required value={name} onChange={(e) => setName(e.target.value)} />
      <SelectField
        label="Kind"
        value={kind}
        onChange={(e) => {
          const next = kinds.find((k) => k.value === e.target.value)!;
          setKind(next.value);
          setParams(JSON.stringify(next.params));
        }}
        options={kinds.map((k) => ({ value: k.value, label: k.label }))}
      />
      <SelectField
        label="Severity"
        value={severity}
        onChange={(e) => setSeverity(e.target.value as typeof severity)}
        options={[
          { value: "critical", label: "Critical" },
          { value: "warning", label: "Warning" },
          { value: "info", label: "Info" },
        ]}
      />
      <TextField
        label="For at least (minutes)"
        type="number"
        min={0}
        value={forMinutes}
        onChange={(e) => setForMinutes(e.target.value)}
      />
      <TextField
        label="Repeat every (minutes, 0: never)"
        type="number"
        min={0}
        value={repeatMinutes}
        onChange={(e) => setRepeatMinutes(e.target.value)}
      />
      <TextField
        label="Parameters (JSON)"
        value={params}
        onChange={(e) => setParams(e.target.value)}
        hint='"filter": {"sites": [...], "sources": [...], "models": [...]} narrows it'
      />
      <div className="sm:col-span-3 flex items-center gap-2">
        <Button type="submit" disabled={add.isPending || !name.trim()}>
          Add rule
        </Button>
        {(parseError ?? add.error?.message) && <Notice tone="error">{parseError ?? add.error!.message}</Notice>}
      </div>
    </form>
  );
}
