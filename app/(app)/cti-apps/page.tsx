import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { CtiAppsPage } from "@/components/cti-apps/cti-apps-page";
import { ctiFilterOptions } from "@/lib/services/cti-apps";

export const metadata = { title: "CTI apps" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="CTI apps" />;
  const options = await ctiFilterOptions();
  return (
    <>
      <PageHeader
        title="CTI apps"
        description="CTI application connections per Unified CM cluster; failed opens first."
      />
      {options.sources.length === 0 ? (
        <EmptyState title="No clusters yet">
          <p>CTI applications appear once Unified CM clusters are added as sources and polled.</p>
        </EmptyState>
      ) : (
        <Suspense>
          <CtiAppsPage options={options} />
        </Suspense>
      )}
    </>
  );
}
