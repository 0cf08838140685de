import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { listCmeRouters } from "@/lib/services/cme-actions/router";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { KeyPhonesPage } from "@/components/key-phones/key-phones-page";

export const metadata = { title: "Key phones" };

export default async function Page() {
  const { allowed } = await pageAccess("changeKeyPhones");
  if (!allowed) return <Forbidden what="Key phones" />;
  const routers = await listCmeRouters();
  return (
    <>
      <PageHeader
        title="Key phones"
        description="Set or unset the key-phone flag on a CME router's phones, and save its configuration."
      />
      {routers.length === 0 ? (
        <EmptyState title="No CME router yet">
          <p>Key-phone changes need a CME router source. An administrator adds one under Sources.</p>
        </EmptyState>
      ) : (
        <Suspense>
          <KeyPhonesPage routers={routers} />
        </Suspense>
      )}
    </>
  );
}
