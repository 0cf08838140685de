"use client";
// Add or edit a source: every setting with its error beside it, "Test connection" on the values
// as typed (before saving), and a visible warning when certificate checks are off.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ApiError } from "@/components/api-client";
import { ChoiceField, InputField, TextAreaField } from "./form-fields";
import { ClusterLimitWarnings } from "./cluster-warnings";
import { AxlFields } from "./axl-fields";
import {
  createBody,
  emptyForm,
  formFromSource,
  intervalPlaceholder,
  issuesToErrors,
  testBody,
  updateBody,
  type FieldErrors,
  type SourceFormValues,
} from "./form-values";
import { TestResultPanel } from "./test-result-panel";
import { useCreateSource, useTestSourceSettings, useUpdateSource } from "./use-sources";
import type { ConnectionTestResult, Source } from "./api";

const kindOptions = [
  { value: "cme", label: "CME / SRST router" },
  { value: "cucm", label: "Unified CM cluster" },
];
const tlsOptions = [
  { value: "system", label: "Verify with the system's CAs" },
  { value: "pem", label: "Verify with a pasted certificate (PEM)" },
  { value: "insecure", label: "Do not verify (not recommended)" },
];

/** A 422 or 409 from the server, put next to the field it names ("Invalid body.urls.0: …"). */
function serverErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "conflict") return { name: error.message };
  const match = /^Invalid (?:body\.)?([\w.]+): (.*)$/.exec(error.message);
  return match ? issuesToErrors([{ path: match[1]!.split("."), message: match[2]! }]) : null;
}

export function SourceForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: Source | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<SourceFormValues>(() => (editing ? formFromSource(editing) : emptyForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  const create = useCreateSource();
  const update = useUpdateSource();
  const test = useTestSourceSettings();
  const saving = create.isPending || update.isPending;
  const cluster = values.kind === "cucm";
  const title = editing ? `Edit ${editing.name}` : "Add a source";

  const set = <K extends keyof SourceFormValues>(key: K, value: SourceFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const text = (key: keyof SourceFormValues) => ({
    value: values[key] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key, e.target.value as never),
    error: errors[key],
  });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = editing ? updateBody(values, editing) : createBody(values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    try {
      if (editing) {
        if (Object.keys(checked.body).length === 0) return onSaved(`Nothing changed on ${editing.name}.`);
        const { source } = await update.mutateAsync({ id: editing.id, change: checked.body });
        onSaved(`Saved ${source.name}.`);
      } else {
        const { source } = await create.mutateAsync(checked.body as Parameters<typeof create.mutateAsync>[0]);
        onSaved(`Added ${source.name}. It is polled within a few seconds.`);
      }
    } catch (error) {
      const fieldErrors = serverErrors(error);
      if (fieldErrors) setErrors(fieldErrors);
    }
  }

  async function onTest() {
    const checked = testBody(values, editing?.id);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setTestResult(null);
    const result = await test.mutateAsync(checked.body).catch((error: unknown) => {
      const fieldErrors = serverErrors(error);
      if (fieldErrors) setErrors(fieldErrors);
      return null;
    });
    setTestResult(result);
  }

  const formError = (create.error ?? update.error ?? test.error) as Error | null;
  const shownElsewhere = formError && serverErrors(formError) !== null;

  return (
    <section
      aria-labelledby="source-form-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="source-form-heading" className="mb-3 font-medium">
        {title}
      </h2>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
          <ChoiceField
            label="Kind"
            value={values.kind}
            disabled={!!editing}
            onChange={(e) => set("kind", e.target.value as SourceFormValues["kind"])}
            options={kindOptions}
            hint={editing ? "The kind cannot change; add a new source instead." : undefined}
          />
          <InputField label="Source name" required {...text("name")} />
          <InputField label="Site" {...text("site")} hint="e.g. the branch or campus" />
        </div>
        {cluster ? (
          <TextAreaField
            label="Node addresses"
            rows={3}
            {...text("urls")}
            hint="One base URL per node, e.g. https://cucm1.example.com:8443"
          />
        ) : (
          <InputField
            label="Router address"
            {...text("urls")}
            hint="Base URL, e.g. http://10.1.1.1 (the XML API path is added)"
          />
        )}
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
          <InputField label="User name" autoComplete="off" {...text("username")} />
          <InputField
            label="Password"
            type="password"
            autoComplete="new-password"
            {...text("password")}
            hint={editing ? "Leave empty to keep the stored password" : "Stored encrypted; never shown again"}
          />
          <ChoiceField
            label="Certificate check"
            value={values.tlsMode}
            onChange={(e) => set("tlsMode", e.target.value as SourceFormValues["tlsMode"])}
            options={tlsOptions}
            error={errors.tlsMode}
          />
        </div>
        {values.tlsMode === "pem" && (
          <TextAreaField
            label="Trusted certificate (PEM)"
            rows={4}
            {...text("pem")}
            placeholder="-----BEGIN CERTIFICATE-----"
          />
        )}
        {values.tlsMode === "insecure" && (
          <div
            role="alert"
            className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            Certificate verification is off: anyone on the network path could pose as this{" "}
            {cluster ? "cluster" : "router"} and read its password. Prefer pasting its certificate.
          </div>
        )}
        <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
          <InputField
            label="Poll interval (seconds)"
            inputMode="numeric"
            placeholder={intervalPlaceholder(values.kind)}
            {...text("pollIntervalS")}
          />
          <InputField label="Request timeout (seconds)" inputMode="numeric" {...text("timeoutS")} />
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} />
            Poll this source
          </label>
        </div>
        {cluster && (
          <fieldset className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-3 dark:border-slate-800">
            <legend className="px-1 text-sm font-medium">RisPort budget</legend>
            <InputField
              label="Requests per minute"
              inputMode="numeric"
              placeholder="default 15"
              {...text("budgetPerMinute")}
              hint="The cluster's Allowed Device Queries Per Minute (at most 18)"
            />
            <InputField
              label="Reserve for other tools"
              inputMode="numeric"
              placeholder="default 3"
              {...text("budgetReserve")}
              hint="Left for RTMT and other clients"
            />
            <InputField
              label="Reply cap (devices per reply)"
              inputMode="numeric"
              placeholder="default 1000"
              {...text("replyCap")}
              hint="RisPort returns at most 1000; more only if checked below"
            />
            <InputField
              label="Names per request (SelectItems)"
              inputMode="numeric"
              placeholder="default 1000"
              {...text("selectItemsPerRequest")}
              hint="A reply's worth of names per request; lower only if the cluster refuses that many"
            />
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input
                type="checkbox"
                checked={values.budgetRaised}
                onChange={(e) => set("budgetRaised", e.target.checked)}
              />
              Budget raised on the cluster (above 15 a minute)
            </label>
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input
                type="checkbox"
                checked={values.replyCapChecked}
                onChange={(e) => set("replyCapChecked", e.target.checked)}
              />
              Checked: this cluster returns more than 1000 per reply
            </label>
            <ClusterLimitWarnings values={values} />
          </fieldset>
        )}
        {cluster && (
          <AxlFields
            values={values}
            errors={errors}
            text={text}
            onToggle={(on) => set("axlEnabled", on)}
            storedAxlUser={editing?.axlUsername ?? null}
          />
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : editing ? "Save changes" : "Add source"}
          </Button>
          <Button variant="secondary" onClick={onTest} disabled={test.isPending}>
            {test.isPending ? "Testing…" : "Test connection"}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
        {formError && !shownElsewhere && <Notice tone="error">{formError.message}</Notice>}
        {testResult && (
          <TestResultPanel
            title={values.name || "Unsaved source"}
            result={testResult}
            onClose={() => setTestResult(null)}
          />
        )}
      </form>
    </section>
  );
}
