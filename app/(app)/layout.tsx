// The signed-in shell. It redirects strangers to sign-in; it does not guard data (every page
// and API route checks permissions itself).
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { roleLabels } from "@/lib/domain/roles";
import { navItems } from "@/components/shell/nav-items";
import { AppNav } from "@/components/shell/app-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { PollerBanner } from "@/components/poller/poller-banner";
import { CommandPalette } from "@/components/shell/command-palette";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-52 shrink-0 flex-col gap-4 border-r border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
        <a href="/overview" className="flex items-center gap-2 px-3 pt-1 text-lg font-semibold">
          <img src="/logo.svg" alt="" width={24} height={24} />
          Linewatch
        </a>
        <AppNav items={navItems.filter((i) => can(user, i.needs))} />
        <CommandPalette pages={navItems.filter((i) => can(user, i.needs))} />
        <p className="px-3 text-xs text-slate-500">
          <kbd className="rounded border border-slate-300 px-1 dark:border-slate-700">Ctrl K</kbd> jump to ·{" "}
          <kbd className="rounded border border-slate-300 px-1 dark:border-slate-700">/</kbd> search
        </p>
        <div className="mt-auto flex flex-col gap-2 px-3 text-sm">
          <div>
            <div className="truncate font-medium" title={user.email ?? undefined}>
              {user.name}
            </div>
            <div className="text-xs text-slate-500">{roleLabels[user.role]}</div>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-6">
        <div className="mb-4 empty:hidden">
          <PollerBanner />
        </div>
        {children}
      </main>
    </div>
  );
}
