import { pageAccess } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { SourcesPage } from "@/components/sources/sources-page";

export const metadata = { title: "Sources" };

export default async function Page() {
  const { user, allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Sources" />;
  return (
    <>
      <PageHeader
        title="Sources"
        description="The CME/SRST routers and Unified CM clusters Linewatch polls, and how each poll went."
      />
      <SourcesPage canManage={can(user, "manageSources")} canPoll={can(user, "pollNow")} />
    </>
  );
}
