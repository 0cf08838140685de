import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata = { title: "Extensions" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Extensions" />;
  return (
    <>
      <PageHeader title="Extensions" description="CME ephone-dns and SIP directory numbers." />
      <EmptyState title="Not connected yet">
        <p>No extension data yet: extensions appear once CME routers are added as sources and polled.</p>
      </EmptyState>
    </>
  );
}
