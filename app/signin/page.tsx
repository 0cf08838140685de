import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/auth/session";
import { signInChoices } from "@/lib/services/directory-sign-in";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// Only same-site paths are followed after sign-in (no open redirect).
const safeNext = (value: string | string[] | undefined) =>
  typeof value === "string" && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : "/overview";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  if (await currentUser()) redirect(safeNext(params.next));
  const error = typeof params.error === "string" ? params.error.slice(0, 60) : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-1 text-xl font-semibold">Linewatch</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">
          Sign in to watch your Cisco phones, routers and clusters.
        </p>
        <SignInForm next={safeNext(params.next)} choices={await signInChoices()} error={error} />
      </div>
    </main>
  );
}
