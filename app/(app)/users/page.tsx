import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { UsersPage } from "@/components/users/users-page";

export const metadata = { title: "Users" };

export default async function Page() {
  const { user, allowed } = await pageAccess("manageUsers");
  if (!allowed) return <Forbidden what="Managing users" />;
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, with which role; API tokens for scripts." />
      <Suspense>
        <UsersPage selfId={user.id} />
      </Suspense>
    </>
  );
}
