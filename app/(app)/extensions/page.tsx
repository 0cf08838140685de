import { Suspense } from "react";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { ExtensionsPage } from "@/components/extensions/extensions-page";
import { extensionFilterOptions } from "@/lib/services/extensions";

export const metadata = { title: "Extensions" };

export default async function Page() {
  const { allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Extensions" />;
  const options = await extensionFilterOptions();
  return (
    <>
      <PageHeader title="Extensions" description="CME ephone-dns and SIP directory numbers." />
      {options.sources.length === 0 ? (
        <EmptyState title="No CME routers yet">
          <p>Extensions appear once CME routers are added as sources and polled.</p>
        </EmptyState>
      ) : (
        <Suspense>
          <ExtensionsPage options={options} />
        </Suspense>
      )}
    </>
  );
}
