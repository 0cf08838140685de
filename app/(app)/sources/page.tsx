import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata = { title: "Sources" };

export default async function Page() {
  const { allowed } = await pageAccess("manageSources");
  if (!allowed) return <Forbidden what="Sources" />;
  return (
    <>
      <PageHeader title="Sources" description="Routers and clusters that Linewatch polls." />
      <EmptyState title="Not connected yet">
        <p>Adding routers and clusters arrives with the inventory feature; until then Linewatch polls nothing.</p>
      </EmptyState>
    </>
  );
}
