import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { AlertsPage } from "@/components/alerts/alerts-page";

export const metadata = { title: "Alerts" };

export default async function Page() {
  const { user, allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Alerts" />;
  return (
    <>
      <PageHeader
        title="Alerts"
        description="What went wrong, since when, and whether someone is on it; silences for maintenance windows."
      />
      <Suspense>
        <AlertsPage canAcknowledge={can(user, "acknowledgeAlerts")} canManage={can(user, "manageAlerts")} />
      </Suspense>
    </>
  );
}
