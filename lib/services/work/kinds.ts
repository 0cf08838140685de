// What people ask of the poll worker, in one table: each kind of request and how it runs. The web
// process queues it (./queue.ts) and a poll worker (lib/server/worker) claims and runs it here.
import "server-only";
import type { Actor } from "@/lib/db/audit";
import { recordAuditAlone } from "@/lib/db/audit";
import { pollNow } from "@/lib/inventory/poll-now";
import { refreshPhone } from "@/lib/inventory/refresh-phone";
import { recomputeAll, type Progress } from "@/lib/inventory/effective/recompute";
import { runningDemoFleet } from "@/lib/server/demo/running";
import { BRANCH, type WanState } from "@/lib/server/demo/branch";
import { AppError } from "@/lib/errors";
import { bumpInventoryVersion } from "@/lib/db/inventory-summary";

export interface WorkKind {
  run(input: Record<string, unknown>, actor: Actor, progress: Progress): Promise<unknown>;
  /** Safe to run again from the start when the worker running it died (no effect outside Linewatch). */
  requeueOnWorkerLoss: boolean;
}

/** The demo branch's WAN state in the fleet this process runs, or null when it runs none. */
export async function demoBranch(): Promise<{ site: string; router: string; wan: WanState } | null> {
  const demo = await runningDemoFleet();
  return demo ? { site: BRANCH.site, router: BRANCH.routerName, wan: demo.branch.wan() } : null;
}

export const workKinds = {
  poll: {
    run: (input, actor) => pollNow(String(input.sourceId), actor),
    requeueOnWorkerLoss: false,
  },
  "refresh-phone": {
    run: (input, actor) => refreshPhone(String(input.name), actor),
    requeueOnWorkerLoss: false,
  },
  "demo-wan": {
    async run(input, actor) {
      const demo = await runningDemoFleet();
      if (!demo) throw new AppError("conflict", "The demo fleet is not running.");
      if (input.wan === "cut") demo.branch.cut();
      else demo.branch.restore();
      await recordAuditAlone(actor, {
        action: "demo.branch-wan",
        target: BRANCH.site,
        detail: { wan: input.wan },
        outcome: "success",
      });
      return demoBranch();
    },
    requeueOnWorkerLoss: false,
  },
  "recompute-sites": {
    async run(_input, _actor, progress) {
      const done = await recomputeAll(new Date(), progress);
      await bumpInventoryVersion();
      return { devicesMoved: done.written, devices: done.devices };
    },
    requeueOnWorkerLoss: true,
  },
} satisfies Record<string, WorkKind>;

export type WorkKindName = keyof typeof workKinds;

export const requeuedKinds = (Object.keys(workKinds) as WorkKindName[]).filter(
  (kind) => workKinds[kind].requeueOnWorkerLoss,
);
