import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { OverviewPage } from "@/components/overview/overview-page";
import { hasSources } from "@/lib/services/overview";

export const metadata = { title: "Overview" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Overview" />;
  return (
    <>
      <PageHeader title="Overview" description="Registration across every site, router and cluster." />
      {(await hasSources()) ? (
        <Suspense>
          <OverviewPage />
        </Suspense>
      ) : (
        <EmptyState title="No sources yet">
          <p>
            Linewatch has no routers or clusters to watch yet. Once an administrator adds sources, this page shows
            registered, unregistered and rejected phones per site and source, with trends.
          </p>
        </EmptyState>
      )}
    </>
  );
}
