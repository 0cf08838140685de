"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SecretReveal } from "@/components/ui/secret-reveal";
import type { Role } from "@/lib/domain/roles";
import { useCreateToken, useRevokeToken, useTokens } from "./use-users";
import { roleOptions } from "./create-user-form";

export function TokensSection() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const days = Number(form.get("days"));
    const result = await create
      .mutateAsync({
        name: String(form.get("name")),
        role: String(form.get("role")) as Role,
        ...(days > 0 ? { expiresInDays: days } : {}),
      })
      .catch(() => null);
    if (result) {
      setSecret({ name: result.record.name, token: result.token });
      formElement.reset();
    }
  }

  return (
    <section aria-labelledby="tokens-heading" className="flex flex-col gap-3">
      <h2 id="tokens-heading" className="font-medium">
        API tokens
      </h2>
      <form onSubmit={onSubmit} className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end">
        <TextField label="Token name" name="name" required />
        <SelectField label="Token role" name="role" defaultValue="viewer" options={roleOptions} />
        <TextField label="Expires after (days)" name="days" type="number" min={1} hint="Leave empty for no expiry" />
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>
      {(create.error ?? revoke.error ?? tokens.error) && (
        <Notice tone="error">{(create.error ?? revoke.error ?? tokens.error)!.message}</Notice>
      )}
      {secret && <SecretReveal label={`Token ${secret.name}`} value={secret.token} onDone={() => setSecret(null)} />}
      <table>
        <caption className="sr-only">API tokens</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-2">Name</th>
            <th>Role</th>
            <th>Starts with</th>
            <th>Last used</th>
            <th>Expires</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data?.items.map((t) => (
            <tr key={t.id} className="border-b border-slate-100 dark:border-slate-800/60">
              <td className="py-2">{t.name}</td>
              <td>{t.role}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"}</td>
              <td>{t.expiresAt ? new Date(t.expiresAt).toLocaleDateString() : "never"}</td>
              <td>
                {t.revokedAt ? (
                  <Badge tone="bad">Revoked</Badge>
                ) : t.suspended ? (
                  <Badge tone="warn">Suspended</Badge>
                ) : (
                  <Badge tone="good">Active</Badge>
                )}
                {!t.revokedAt && t.suspended && (
                  <p className="text-xs text-slate-500">
                    Tokens suspended: {t.createdBy} is disabled. Enabling them restores this token.
                  </p>
                )}
              </td>
              <td className="text-right">
                {!t.revokedAt && (
                  <Button variant="secondary" aria-label={`Revoke token ${t.name}`} onClick={() => revoke.mutate(t.id)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
