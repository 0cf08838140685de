import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { AuditPage } from "@/components/audit/audit-page";

export const metadata = { title: "Audit" };

export default async function Page() {
  const { allowed } = await pageAccess("viewAudit");
  if (!allowed) return <Forbidden what="The audit trail" />;
  return (
    <>
      <PageHeader title="Audit" description="Who did what, when, and how it ended." />
      <Suspense>
        <AuditPage />
      </Suspense>
    </>
  );
}
