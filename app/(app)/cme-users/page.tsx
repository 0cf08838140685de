import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { listCmeRouters } from "@/lib/services/cme-actions/router";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { CmeUsersPage } from "@/components/cme-users/cme-users-page";

export const metadata = { title: "CME users" };

export default async function Page() {
  const { allowed } = await pageAccess("resetCmePassword");
  if (!allowed) return <Forbidden what="CME users" />;
  const routers = await listCmeRouters();
  return (
    <>
      <PageHeader title="CME users" description="Look up CME phone users and reset their passwords." />
      {routers.length === 0 ? (
        <EmptyState title="No CME router yet">
          <p>Password resets need a CME router source. An administrator adds one under Sources.</p>
        </EmptyState>
      ) : (
        <Suspense>
          <CmeUsersPage routers={routers} />
        </Suspense>
      )}
    </>
  );
}
