import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { PhonesPage } from "@/components/phones/phones-page";
import { phoneFilterOptions } from "@/lib/services/phones";

export const metadata = { title: "Phones" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Phones" />;
  const options = await phoneFilterOptions();
  return (
    <>
      <PageHeader
        title="Phones"
        description="Every phone across routers and clusters, one row per phone with its state across them: a branch phone off its cluster and on its SRST router reads “In fallback on” that router."
      />
      {options.sources.length === 0 ? (
        <EmptyState title="No sources yet">
          <p>Phones appear here once routers and clusters are added as sources and polled.</p>
        </EmptyState>
      ) : (
        <Suspense>
          <PhonesPage options={options} />
        </Suspense>
      )}
    </>
  );
}
