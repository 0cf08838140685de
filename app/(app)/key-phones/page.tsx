import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata = { title: "Key phones" };

export default async function Page() {
  const { allowed } = await pageAccess("changeKeyPhones");
  if (!allowed) return <Forbidden what="Key phones" />;
  return (
    <>
      <PageHeader title="Key phones" description="Set or unset the key-phone flag on CME phones." />
      <EmptyState title="Not connected yet">
        <p>Key-phone changes need a CME router source; none is configured yet.</p>
      </EmptyState>
    </>
  );
}
