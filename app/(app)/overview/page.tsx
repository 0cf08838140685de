import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata = { title: "Overview" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Overview" />;
  return (
    <>
      <PageHeader title="Overview" description="Registration across every site, router and cluster." />
      <EmptyState title="Not connected yet">
        <p>Linewatch has no routers or clusters to watch yet. Once sources can be added, this page shows registered, unregistered and rejected phones per site and source, with trends.</p>
      </EmptyState>
    </>
  );
}
