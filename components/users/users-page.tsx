"use client";
// Users: filter by text and role (kept in the URL), add, change role, disable, sign out everywhere;
// directory sign-in (role rules, local sign-in switch); API tokens.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ListPage } from "@/components/ui/list-page";
import { TextField, SelectField } from "@/components/ui/field";
import { roleSchema } from "@/lib/domain/roles";
import { useUsers } from "./use-users";
import { UserTable } from "./user-table";
import { CreateUserForm, roleOptions } from "./create-user-form";
import { TokensSection } from "./tokens-section";
import { DirectorySection } from "./directory-section";

export function UsersPage({ selfId }: { selfId: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.get("search") ?? "";
  const role = roleSchema.safeParse(params.get("role")).data;
  const users = useUsers({ search: search || undefined, role });

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}?${next.toString()}`);
  };

  return (
    <div className="flex flex-col gap-6">
      <CreateUserForm />
      <ListPage
        heading="People"
        headingId="users-heading"
        filters={
          <div className="grid max-w-xl grid-cols-2 gap-3">
            <TextField
              label="Search users"
              type="search"
              defaultValue={search}
              onChange={(e) => setFilter("search", e.target.value)}
            />
            <SelectField
              label="Role filter"
              value={role ?? ""}
              onChange={(e) => setFilter("role", e.target.value)}
              options={[{ value: "", label: "All roles" }, ...roleOptions]}
            />
          </div>
        }
        error={users.error}
        loading={users.isPending && "Loading users…"}
      >
        {users.data && <UserTable users={users.data.items} selfId={selfId} />}
      </ListPage>
      <DirectorySection />
      <TokensSection />
    </div>
  );
}
