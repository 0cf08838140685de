import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata = { title: "CTI apps" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="CTI apps" />;
  return (
    <>
      <PageHeader title="CTI apps" description="CTI applications per Unified CM cluster." />
      <EmptyState title="Not connected yet">
        <p>No cluster data yet: CTI applications appear once Unified CM clusters are added as sources and polled.</p>
      </EmptyState>
    </>
  );
}
