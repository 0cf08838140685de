import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata = { title: "Phones" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Phones" />;
  return (
    <>
      <PageHeader title="Phones" description="Every phone across routers and clusters." />
      <EmptyState title="Not connected yet">
        <p>No phone data yet: phones appear here once routers and clusters are added as sources and polled.</p>
      </EmptyState>
    </>
  );
}
