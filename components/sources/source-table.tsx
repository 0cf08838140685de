"use client";
// Every source with its health and a cluster's configured inventory; admins test, edit, disable,
// delete and read the configuration now, helpdesk and admins poll now.
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Source } from "./api";
import { CompletenessCell } from "./cluster-warnings";
import { ConfiguredState } from "./configured-state";
import { BudgetCell, HealthCell } from "./health-badge";

export interface SourceActions {
  onTest(source: Source): void;
  onEdit(source: Source): void;
  onToggle(source: Source): void;
  onDelete(source: Source): void;
  onPoll(source: Source): void;
  /** Clusters with AXL: read the configured devices now. */
  onReadConfigured(source: Source): void;
}

export function SourceTable({
  sources,
  canManage,
  canPoll,
  busyId,
  actions,
  now,
}: {
  sources: Source[];
  canManage: boolean;
  canPoll: boolean;
  busyId: string | null;
  actions: SourceActions;
  now: number;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Sources</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="py-2 pr-3">Name</th>
            <th className="pr-3">Kind</th>
            <th className="pr-3">Site</th>
            <th className="pr-3">Address</th>
            <th className="pr-3">Polling</th>
            <th className="pr-3">Health</th>
            <th className="pr-3">Last read</th>
            <th className="pr-3">Budget</th>
            {(canManage || canPoll) && (
              <th>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id} className="border-b border-slate-100 align-top dark:border-slate-800/60">
              <th scope="row" className="py-2 pr-3 text-left font-medium">
                {s.name}
                {s.demo && (
                  <span className="ml-1.5">
                    <Badge>demo</Badge>
                  </span>
                )}
                {s.tls.mode === "insecure" && (
                  <span className="ml-1.5" title="Certificate verification is off for this source">
                    <Badge tone="warn">TLS not verified</Badge>
                  </span>
                )}
              </th>
              <td className="py-2 pr-3">{s.kind === "cme" ? "Router" : "Cluster"}</td>
              <td className="py-2 pr-3">{s.site || <span className="text-slate-400">–</span>}</td>
              <td className="py-2 pr-3">
                <ul className="font-mono text-xs">
                  {s.urls.map((u) => (
                    <li key={u} className="max-w-[18rem] truncate" title={u}>
                      {u}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="py-2 pr-3">
                {s.enabled ? <Badge tone="good">Enabled</Badge> : <Badge>Disabled</Badge>}
                <div className="text-xs text-slate-500">every {s.pollIntervalS} s</div>
              </td>
              <td className="py-2 pr-3">
                <HealthCell source={s} now={now} />
              </td>
              <td className="py-2 pr-3">
                <CompletenessCell source={s} />
                <ConfiguredState source={s} now={now} />
              </td>
              <td className="py-2 pr-3">
                <BudgetCell source={s} now={now} />
              </td>
              {(canManage || canPoll) && (
                <td className="py-1.5">
                  <div className="flex flex-wrap justify-end gap-1">
                    {canPoll && (
                      <Button
                        variant="secondary"
                        aria-label={`Poll ${s.name} now`}
                        disabled={busyId === s.id || !s.enabled}
                        onClick={() => actions.onPoll(s)}
                      >
                        Poll now
                      </Button>
                    )}
                    {canManage && s.configured && (
                      <Button
                        variant="secondary"
                        aria-label={`Read the configuration of ${s.name} now`}
                        disabled={busyId === s.id || !s.enabled}
                        onClick={() => actions.onReadConfigured(s)}
                      >
                        Read configuration now
                      </Button>
                    )}
                    {canManage && (
                      <>
                        <Button
                          variant="secondary"
                          aria-label={`Test ${s.name}`}
                          disabled={busyId === s.id}
                          onClick={() => actions.onTest(s)}
                        >
                          Test
                        </Button>
                        <Button variant="secondary" aria-label={`Edit ${s.name}`} onClick={() => actions.onEdit(s)}>
                          Edit
                        </Button>
                        <Button
                          variant="secondary"
                          aria-label={`${s.enabled ? "Disable" : "Enable"} ${s.name}`}
                          onClick={() => actions.onToggle(s)}
                        >
                          {s.enabled ? "Disable" : "Enable"}
                        </Button>
                        <Button variant="danger" aria-label={`Delete ${s.name}`} onClick={() => actions.onDelete(s)}>
                          Delete
                        </Button>
                      </>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
