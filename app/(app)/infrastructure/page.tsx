import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { InfrastructurePage } from "@/components/infrastructure/infrastructure-page";
import { phoneFilterOptions } from "@/lib/services/phones";

export const metadata = { title: "Infrastructure" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Infrastructure" />;
  const options = await phoneFilterOptions();
  return (
    <>
      <PageHeader
        title="Infrastructure"
        description="SIP trunks, gateways, media resources, voicemail ports, hunt lists and CTI ports with their state, problems first. The phone counts leave them out."
      />
      <Suspense>
        <InfrastructurePage sources={options.sources.map((s) => ({ id: s.id, name: s.name }))} />
      </Suspense>
    </>
  );
}
