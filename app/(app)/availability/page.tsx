import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { AvailabilityPage } from "@/components/availability/availability-page";
import { monthOf } from "@/lib/domain/availability";
import { reportTimeZone } from "@/lib/services/time-zone";

export const metadata = { title: "Availability" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Availability" />;
  return (
    <>
      <PageHeader
        title="Availability"
        description="A month's share of phone-minutes registered per site and per source (phones only; a phone in fallback on its branch router counts as available), with the worst hours and outages. Export it as CSV to forward."
      />
      <Suspense>
        <AvailabilityPage thisMonth={monthOf(new Date(), await reportTimeZone(undefined))} />
      </Suspense>
    </>
  );
}
