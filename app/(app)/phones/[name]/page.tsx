import Link from "next/link";
import { pageAccess } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { PhoneDetail } from "@/components/phones/phone-detail";
import { can } from "@/lib/auth/permissions";

type Props = { params: Promise<{ name: string }> };

/** Device names never hold "%": decoding is safe whether or not Next.js already decoded the segment. */
function deviceName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props) {
  return { title: deviceName((await params).name) };
}

export default async function Page({ params }: Props) {
  const { user, allowed } = await pageAccess("viewInventory");
  if (!allowed) return <Forbidden what="Phones" />;
  const name = deviceName((await params).name);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm">
        <Link href="/phones" className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
          Phones
        </Link>
      </nav>
      <PageHeader
        title={name}
        description="Every source's record of this phone: why it is down, its lines, what the helpdesk can do on it and what changed."
      />
      <PhoneDetail
        name={name}
        canRefresh={can(user, "pollNow")}
        rights={{
          keyPhones: can(user, "changeKeyPhones"),
          resetPassword: can(user, "resetCmePassword"),
          restart: can(user, "restartPhones"),
        }}
      />
    </>
  );
}
