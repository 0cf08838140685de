"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { roleLabels, roles, type Role } from "@/lib/domain/roles";
import { useCreateUser } from "./use-users";

export const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

export function CreateUserForm() {
  const create = useCreateUser();
  const [created, setCreated] = useState<{ email: string; password?: string } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await create
      .mutateAsync({
        email: String(form.get("email")),
        name: String(form.get("name")),
        role: String(form.get("role")) as Role,
      })
      .catch(() => null);
    if (result) {
      setCreated({ email: result.user.email, password: result.initialPassword });
      formElement.reset();
    }
  }

  return (
    <section
      aria-labelledby="create-user-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="create-user-heading" className="mb-3 font-medium">
        Add a user
      </h2>
      <form onSubmit={onSubmit} className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end">
        <TextField label="Email" name="email" type="email" required />
        <TextField label="Name" name="name" required />
        <SelectField label="Role" name="role" defaultValue="viewer" options={roleOptions} />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </Button>
      </form>
      <div className="mt-3 flex flex-col gap-2">
        {create.error && <Notice tone="error">{create.error.message}</Notice>}
        {created?.password && (
          <SecretReveal
            label={`Initial password for ${created.email}`}
            value={created.password}
            onDone={() => setCreated(null)}
          />
        )}
      </div>
    </section>
  );
}
