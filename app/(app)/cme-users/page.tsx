import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata = { title: "CME users" };

export default async function Page() {
  const { allowed } = await pageAccess("resetCmePassword");
  if (!allowed) return <Forbidden what="CME users" />;
  return (
    <>
      <PageHeader title="CME users" description="Look up CME phone users and reset their passwords." />
      <EmptyState title="Not connected yet">
        <p>Password resets need a CME router source; none is configured yet.</p>
      </EmptyState>
    </>
  );
}
