import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { SitesPage } from "@/components/sites/sites-page";

export const metadata = { title: "Sites" };

export default async function Page() {
  const { user, allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Sites" />;
  return (
    <>
      <PageHeader
        title="Sites"
        description="Which site each phone belongs to, and when a site lost many phones at once."
      />
      <Suspense>
        <SitesPage canManage={can(user, "manageSources")} />
      </Suspense>
    </>
  );
}
