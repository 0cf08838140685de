"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { roleLabels, type Role } from "@/lib/domain/roles";
import type { User } from "./api";
import { useResetPassword, useSignOutEverywhere, useUpdateUser } from "./use-users";
import { roleOptions } from "./create-user-form";

export function UserTable({ users, selfId }: { users: User[]; selfId: string }) {
  const update = useUpdateUser();
  const signOut = useSignOutEverywhere();
  const reset = useResetPassword();
  const [message, setMessage] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState<{ email: string; password: string } | null>(null);
  const error = update.error ?? signOut.error ?? reset.error;

  return (
    <div className="flex flex-col gap-2">
      {error && <Notice tone="error">{error.message}</Notice>}
      {message && <Notice tone="success">{message}</Notice>}
      {newPassword && (
        <SecretReveal
          label={`New password for ${newPassword.email}`}
          value={newPassword.password}
          onDone={() => setNewPassword(null)}
        />
      )}
      <table>
        <caption className="sr-only">Users</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-2">Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th>Last sign-in</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-slate-100 dark:border-slate-800/60">
              <td className="py-2">
                {u.name}
                {u.id === selfId && <span className="ml-1 text-xs text-slate-500">(you)</span>}
              </td>
              <td>
                {u.email}
                {u.authSource !== "local" && (
                  <span className="ml-1 text-xs text-slate-500">
                    (via {u.authSource === "oidc" ? "single sign-on" : "LDAP"}; role from the directory rules)
                  </span>
                )}
              </td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  disabled={update.isPending}
                  onChange={(e) =>
                    update.mutate(
                      { id: u.id, role: e.target.value as Role },
                      { onSuccess: () => setMessage(`${u.email} is now ${roleLabels[e.target.value as Role]}.`) },
                    )
                  }
                  className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700"
                >
                  {roleOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.disabled ? <Badge tone="bad">Disabled</Badge> : <Badge tone="good">Active</Badge>}</td>
              <td className="text-slate-600 dark:text-slate-400">
                {u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : "never"}
              </td>
              <td className="flex flex-wrap justify-end gap-1 py-1.5">
                <Button
                  variant="secondary"
                  aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
                  onClick={() =>
                    update.mutate(
                      { id: u.id, disabled: !u.disabled },
                      {
                        onSuccess: () =>
                          setMessage(
                            `${u.email} ${u.disabled ? "enabled; API tokens they created work again" : "disabled; their sessions have ended and API tokens they created are suspended"}.`,
                          ),
                      },
                    )
                  }
                >
                  {u.disabled ? "Enable" : "Disable"}
                </Button>
                <Button
                  variant="secondary"
                  aria-label={`Sign out ${u.email} everywhere`}
                  onClick={() =>
                    signOut.mutate(u.id, { onSuccess: () => setMessage(`Every session of ${u.email} has ended.`) })
                  }
                >
                  Sign out everywhere
                </Button>
                {u.authSource === "local" && (
                  <Button
                    variant="secondary"
                    aria-label={`Reset password of ${u.email}`}
                    onClick={() => {
                      if (confirm(`Give ${u.email} a new password? Their sessions end.`))
                        reset.mutate(u.id, {
                          onSuccess: (r) => setNewPassword({ email: u.email, password: r.password }),
                        });
                    }}
                  >
                    Reset password
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
