"use client";
// CTI applications per cluster. Sorted by status by default, so failed opens lead and stand out.
import { SelectField } from "@/components/ui/field";
import { formatAgo, formatTime } from "@/components/ui/format";
import { CtiBadge, ctiLabel } from "@/components/phones/status-badge";
import { Pager, SortHeader, csvLinkClass } from "@/components/ui/table-kit";
import { ListPage } from "@/components/ui/list-page";
import { useUrlState } from "@/components/ui/use-url-state";
import { nextSort } from "@/components/phones/url-state";
import { ctiStatuses } from "@/lib/domain/status";
import { CTI_PAGE_SIZE, ctiAppsApi } from "./api";
import { useCtiApps } from "./use-cti-apps";
import { readCtiFilters, writeCtiFilters, type CtiFilters, type CtiSort } from "./url-state";

const list = (values: unknown[]) =>
  values.map((v) =>
    typeof v === "string"
      ? v
      : typeof v === "object" && v && "name" in v
        ? String((v as { name: unknown }).name)
        : JSON.stringify(v),
  );

export function CtiAppsPage({ options }: { options: { sources: { id: string; name: string; site: string }[] } }) {
  const [filters, replace] = useUrlState(readCtiFilters, writeCtiFilters);
  const apps = useCtiApps(filters);
  const set = (change: Partial<CtiFilters>) => replace({ ...filters, page: 1, ...change });
  const header = {
    sort: filters.sort,
    order: filters.order,
    onSort: (c: CtiSort) => set(nextSort<CtiSort>(filters, c, ["lastChange"])),
  };

  return (
    <ListPage
      filters={
        <div className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end">
          <SelectField
            label="Cluster"
            value={filters.source ?? ""}
            onChange={(e) => set({ source: e.target.value || undefined })}
            options={[
              { value: "", label: "All clusters" },
              ...options.sources.map((s) => ({ value: s.id, label: s.site ? `${s.name} (${s.site})` : s.name })),
            ]}
          />
          <SelectField
            label="Status"
            value={filters.status ?? ""}
            onChange={(e) => set({ status: ctiStatuses.find((s) => s === e.target.value) })}
            options={[
              { value: "", label: "Any status" },
              ...ctiStatuses.map((s) => ({ value: s, label: ctiLabel(s) })),
            ]}
          />
          <div className="md:col-span-2 flex items-end justify-end">
            <a href={ctiAppsApi.csvUrl(filters)} download className={csvLinkClass}>
              Export CSV
            </a>
          </div>
        </div>
      }
      fetching={apps.isFetching}
      error={apps.error}
      empty={
        apps.data && apps.data.total === 0
          ? filters.source || filters.status
            ? "No CTI applications match these filters."
            : "No CTI applications have been reported yet."
          : null
      }
      loading={apps.isPending && "Loading CTI applications…"}
      pager={
        <Pager
          label="CTI application pages"
          page={filters.page}
          pageSize={CTI_PAGE_SIZE}
          total={apps.data?.total}
          noun="applications"
          onPage={(page) => replace({ ...filters, page })}
        />
      }
    >
      <div className="overflow-x-auto">
        <table aria-busy={apps.isFetching}>
          <caption className="sr-only">
            CTI applications{filters.sort === "status" ? ", failed opens first" : ""}
          </caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <SortHeader column="appId" label="Application" {...header} />
              <SortHeader column="user" label="User" {...header} />
              <SortHeader column="status" label="Status" {...header} />
              <th scope="col" className="py-2 pr-3">
                Address / node
              </th>
              <th scope="col" className="py-2 pr-3">
                Controls
              </th>
              <SortHeader column="lastChange" label="Last change" {...header} />
              <SortHeader column="source" label="Cluster" {...header} />
            </tr>
          </thead>
          <tbody>
            {apps.data?.items.map((a) => {
              const failed = a.status === "open-failed";
              const devices = list(a.devices);
              const lines = list(a.lines);
              return (
                <tr
                  key={a.id}
                  className={`border-b align-top ${failed ? "border-red-200 bg-red-50 dark:border-red-900 dark:bg-red-950/40" : "border-slate-100 dark:border-slate-800/60"}`}
                >
                  <td className="py-2 pr-3 font-medium">{a.appId}</td>
                  <td className="py-2 pr-3">{a.userId || "—"}</td>
                  <td className="py-2 pr-3">
                    <CtiBadge status={a.status} />
                    {a.reason && (
                      <div
                        className={`mt-0.5 text-xs ${failed ? "font-medium text-red-800 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}
                      >
                        {a.reason}
                      </div>
                    )}
                  </td>
                  <td className="py-2 pr-3">
                    <span className="font-mono text-xs">{a.address || "—"}</span>
                    {a.node && <div className="text-xs text-slate-600 dark:text-slate-400">{a.node}</div>}
                  </td>
                  <td className="py-2 pr-3 text-xs" title={[...devices, ...lines].join(", ")}>
                    {devices.length} {devices.length === 1 ? "device" : "devices"}, {lines.length}{" "}
                    {lines.length === 1 ? "line" : "lines"}
                    {devices.length > 0 && (
                      <div className="truncate text-slate-600 dark:text-slate-400">
                        {devices.slice(0, 3).join(", ")}
                        {devices.length > 3 ? "…" : ""}
                      </div>
                    )}
                  </td>
                  <td className="py-2 pr-3 text-xs" title={formatTime(a.statusChangedAt)}>
                    {formatAgo(a.statusChangedAt)}
                  </td>
                  <td className="py-2 pr-3">
                    {a.sourceName}
                    {a.site && <div className="text-xs text-slate-600 dark:text-slate-400">{a.site}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </ListPage>
  );
}
