"use client";
// Audit trail: filters and page in the URL (shareable), newest first, CSV export of the filter.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { SearchBox } from "@/components/ui/table-kit";
import { ListPage } from "@/components/ui/list-page";
import { AUDIT_PAGE_SIZE, auditApi } from "./api";
import { useAudit } from "./use-audit";
import type { AuditFilters } from "./keys";

const outcomes = ["success", "failure", "unknown"] as const;
const outcomeTone = { success: "good", failure: "bad", unknown: "warn" } as const;

export function AuditPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const outcome = outcomes.find((o) => o === params.get("outcome"));
  const filters: AuditFilters = {
    actor: params.get("actor") || undefined,
    action: params.get("action") || undefined,
    outcome,
    page: Math.max(1, Number(params.get("page")) || 1),
  };
  const audit = useAudit(filters);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    router.replace(`${pathname}?${next.toString()}`);
  };
  const pages = audit.data ? Math.max(1, Math.ceil(audit.data.total / AUDIT_PAGE_SIZE)) : 1;

  return (
    <ListPage
      filters={
        <div className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end">
          {/* Debounced: the URL (and the query) changes once typing pauses, not on every keystroke. */}
          <SearchBox label="Actor" value={filters.actor ?? ""} onSearch={(text) => setParam("actor", text)} />
          <SearchBox
            label="Action"
            value={filters.action ?? ""}
            onSearch={(text) => setParam("action", text)}
            hint="e.g. user. or auth.sign-in"
          />
          <SelectField
            label="Outcome"
            value={outcome ?? ""}
            onChange={(e) => setParam("outcome", e.target.value)}
            options={[{ value: "", label: "Any outcome" }, ...outcomes.map((o) => ({ value: o, label: o }))]}
          />
          <a
            href={auditApi.csvUrl(filters)}
            className="inline-flex justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Export CSV
          </a>
        </div>
      }
      error={audit.error}
      empty={audit.data && audit.data.total === 0 ? "No audit events match." : null}
      pager={
        <nav aria-label="Audit pages" className="flex items-center gap-2 text-sm">
          <Button
            variant="secondary"
            disabled={filters.page <= 1}
            onClick={() => setParam("page", String(filters.page - 1))}
          >
            Previous page
          </Button>
          <span>
            Page {filters.page} of {pages}
            {audit.data ? ` · ${audit.data.total} events` : ""}
          </span>
          <Button
            variant="secondary"
            disabled={filters.page >= pages}
            onClick={() => setParam("page", String(filters.page + 1))}
          >
            Next page
          </Button>
        </nav>
      }
    >
      <table className="w-full table-fixed">
        <caption className="sr-only">Audit events</caption>
        <colgroup>
          <col className="w-44" />
          <col className="w-[16%]" />
          <col className="w-[16%]" />
          <col className="w-[20%]" />
          <col className="w-24" />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-2">When</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {audit.data?.items.map((e) => (
            <tr key={e.id} className="border-b border-slate-100 align-top dark:border-slate-800/60">
              <td className="whitespace-nowrap py-2">{new Date(e.at).toLocaleString()}</td>
              <td className="truncate" title={e.actor}>
                {e.actor}
              </td>
              <td className="truncate" title={e.action}>
                <code>{e.action}</code>
              </td>
              <td className="truncate" title={e.target ?? undefined}>
                {e.target}
              </td>
              <td>
                <Badge tone={outcomeTone[e.outcome]}>{e.outcome}</Badge>
              </td>
              <td className="truncate font-mono text-xs" title={JSON.stringify(e.detail)}>
                {Object.keys(e.detail).length ? JSON.stringify(e.detail) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ListPage>
  );
}
