"use client";
// Directory sign-in on the Users page: which directories are configured, who may still use a
// local password, and the ordered rules that give directory groups a role (first match wins).
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { DirectoryRoleRule } from "@/lib/domain/directory-roles";
import type { Role } from "@/lib/domain/roles";
import { roleOptions } from "./create-user-form";
import { useRoleRules, useSaveRoleRules, useSaveSignInSettings, useSignInSettings } from "./use-directory";

const sourceOptions = [
  { value: "any", label: "Any directory" },
  { value: "oidc", label: "Single sign-on (OIDC)" },
  { value: "ldap", label: "LDAP" },
];

export function DirectorySection() {
  const settings = useSignInSettings();
  const saveSettings = useSaveSignInSettings();
  const s = settings.data;
  return (
    <section
      aria-labelledby="directory-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="directory-heading" className="font-medium">
        Directory sign-in
      </h2>
      {settings.error && <Notice tone="error">{settings.error.message}</Notice>}
      {s && (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Single sign-on: {s.oidc.configured ? `on (role claim "${s.oidc.roleClaim}")` : "not configured"}. LDAP:{" "}
            {s.ldap.configured
              ? `on (${s.ldap.groups === "in-chain" ? "nested groups, Active Directory" : "memberOf"})`
              : "not configured"}
            . Directory users&apos; groups are read again at least every {s.directoryRecheckMinutes} minutes.
          </p>
          <div className="max-w-md">
            <SelectField
              label="Local password sign-in"
              value={s.localSignIn}
              disabled={saveSettings.isPending}
              onChange={(e) => saveSettings.mutate({ localSignIn: e.target.value as "everyone" | "admins" })}
              options={[
                { value: "everyone", label: "Everyone with a local account" },
                { value: "admins", label: "Local administrators only (break-glass)" },
              ]}
            />
          </div>
          {saveSettings.error && <Notice tone="error">{saveSettings.error.message}</Notice>}
        </>
      )}
      <RoleRulesEditor />
    </section>
  );
}

function RoleRulesEditor() {
  const rules = useRoleRules();
  const save = useSaveRoleRules();
  const [draft, setDraft] = useState<DirectoryRoleRule[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (rules.data) setDraft(rules.data.rules);
  }, [rules.data]);

  const change = (index: number, patch: Partial<DirectoryRoleRule>) => {
    setSaved(false);
    setDraft((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  };
  const move = (index: number, by: number) => {
    setSaved(false);
    setDraft((list) => {
      const next = [...list];
      const [rule] = next.splice(index, 1);
      next.splice(index + by, 0, rule!);
      return next;
    });
  };

  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-medium">Role rules</h3>
      <p className="text-xs text-slate-500">
        Tried from the top; the first rule whose group the person holds gives their role. A group is the claim value
        (single sign-on) or the group&apos;s DN or name (LDAP), ignoring case. No matching rule: no access.
      </p>
      {rules.error && <Notice tone="error">{rules.error.message}</Notice>}
      <table>
        <caption className="sr-only">Directory role rules</caption>
        <thead>
          <tr className="border-b border-slate-200 text-sm dark:border-slate-800">
            <th className="py-1">Order</th>
            <th>Directory</th>
            <th>Group</th>
            <th>Role</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.map((rule, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in an ordered list being edited
            <tr key={index} className="border-b border-slate-100 dark:border-slate-800/60">
              <td className="py-1 text-sm">{index + 1}</td>
              <td>
                <select
                  aria-label={`Directory of rule ${index + 1}`}
                  value={rule.source}
                  onChange={(e) => change(index, { source: e.target.value as DirectoryRoleRule["source"] })}
                  className="rounded border border-slate-300 bg-transparent px-1 py-0.5 text-sm dark:border-slate-700"
                >
                  {sourceOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Group of rule ${index + 1}`}
                  value={rule.group}
                  onChange={(e) => change(index, { group: e.target.value })}
                  className="w-full rounded border border-slate-300 bg-transparent px-1 py-0.5 text-sm dark:border-slate-700"
                />
              </td>
              <td>
                <select
                  aria-label={`Role of rule ${index + 1}`}
                  value={rule.role}
                  onChange={(e) => change(index, { role: e.target.value as Role })}
                  className="rounded border border-slate-300 bg-transparent px-1 py-0.5 text-sm dark:border-slate-700"
                >
                  {roleOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td className="flex justify-end gap-1 py-1">
                <Button
                  variant="ghost"
                  aria-label={`Move rule ${index + 1} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  aria-label={`Move rule ${index + 1} down`}
                  disabled={index === draft.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </Button>
                <Button
                  variant="ghost"
                  aria-label={`Remove rule ${index + 1}`}
                  onClick={() => {
                    setSaved(false);
                    setDraft((list) => list.filter((_, i) => i !== index));
                  }}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            setSaved(false);
            setDraft((list) => [...list, { source: "any", group: "", role: "viewer" }]);
          }}
        >
          Add rule
        </Button>
        <Button disabled={save.isPending} onClick={() => save.mutate(draft, { onSuccess: () => setSaved(true) })}>
          {save.isPending ? "Saving…" : "Save role rules"}
        </Button>
      </div>
      {save.error && <Notice tone="error">{save.error.message}</Notice>}
      {saved && <Notice tone="success">Role rules saved; they apply from each person&apos;s next sign-in.</Notice>}
    </div>
  );
}
