"use client";
// Devices and models an admin marked critical (watched like key phones: lobby, emergency, lift
// phones) or not alerting (left out of every rule).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextField } from "@/components/ui/field";
import { useMarks, useSetMark } from "./use-alerts";

export function MarksAdmin({ canManage }: { canManage: boolean }) {
  const marks = useMarks();
  const setMark = useSetMark();
  const [kind, setKind] = useState<"device" | "model">("device");
  const [name, setName] = useState("");
  const [what, setWhat] = useState<"critical" | "notAlerting">("critical");
  return (
    <section aria-labelledby="marks-heading" className="flex flex-col gap-3">
      <h2 id="marks-heading" className="font-medium">
        Critical and not-alerting devices
      </h2>
      {marks.error && <Notice tone="error">{marks.error.message}</Notice>}
      {setMark.error && <Notice tone="error">{setMark.error.message}</Notice>}
      {marks.data && marks.data.items.length === 0 && (
        <p className="text-sm text-slate-500">
          No marks: key phones come from the routers; soft clients are left out of drop rules.
        </p>
      )}
      {marks.data && marks.data.items.length > 0 && (
        <ul className="flex flex-col gap-1 text-sm">
          {marks.data.items.map((m) => (
            <li key={`${m.kind}:${m.name}`} className="flex items-center gap-2">
              <span>
                {m.kind} {m.name}:{" "}
                {[m.critical && "critical", m.notAlerting && "not alerting"].filter(Boolean).join(", ")}
              </span>
              {canManage && (
                <Button
                  variant="ghost"
                  onClick={() => setMark.mutate({ ...m, critical: false, notAlerting: false })}
                  aria-label={`Remove the mark on ${m.name}`}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <form
          aria-label="New mark"
          className="grid gap-3 sm:grid-cols-4"
          onSubmit={(e) => {
            e.preventDefault();
            setMark.mutate(
              { kind, name, critical: what === "critical", notAlerting: what === "notAlerting" },
              { onSuccess: () => setName("") },
            );
          }}
        >
          <SelectField
            label="Mark a"
            value={kind}
            onChange={(e) => setKind(e.target.value as "device" | "model")}
            options={[
              { value: "device", label: "Device" },
              { value: "model", label: "Model" },
            ]}
          />
          <TextField label="Device name or model" required value={name} onChange={(e) => setName(e.target.value)} />
          <SelectField
            label="As"
            value={what}
            onChange={(e) => setWhat(e.target.value as "critical" | "notAlerting")}
            options={[
              { value: "critical", label: "Critical (alert like a key phone)" },
              { value: "notAlerting", label: "Not alerting" },
            ]}
          />
          <div className="flex items-end">
            <Button type="submit" disabled={setMark.isPending || !name.trim()}>
              Save mark
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
