"use client";
// Demo only: cut the SRST branch's WAN and watch its phones fall back to the branch router at the
// next polls (or poll the sources now on the Sources page).
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useDemoState, useSetBranchWan } from "./use-sites";

export function DemoBranch({ canManage }: { canManage: boolean }) {
  const demo = useDemoState();
  const setWan = useSetBranchWan();
  const branch = demo.data?.branch;
  if (!branch) return null;
  const cut = branch.wan === "cut";
  return (
    <section
      aria-labelledby="demo-branch-heading"
      className="rounded-lg border border-dashed border-sky-400 p-4 dark:border-sky-700"
    >
      <h2 id="demo-branch-heading" className="font-medium">
        Demo: the {branch.site} branch
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Its phones live on the demo cluster and fall back to {branch.router} when the branch loses its WAN link. WAN
        now: <strong>{cut ? "cut" : "up"}</strong>. The change shows after the next poll of the cluster and of the
        router.
      </p>
      {canManage && (
        <div className="mt-3 flex gap-2">
          <Button
            variant={cut ? "secondary" : "danger"}
            disabled={setWan.isPending}
            onClick={() => setWan.mutate(cut ? "up" : "cut")}
          >
            {cut ? `Restore the ${branch.site} WAN` : `Cut the ${branch.site} WAN`}
          </Button>
        </div>
      )}
      {setWan.error && <Notice tone="error">{setWan.error.message}</Notice>}
    </section>
  );
}
