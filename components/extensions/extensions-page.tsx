"use client";
// Extensions: CME ephone-dns and SIP directory numbers, server-paged, state in the URL.
import { useCallback } from "react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { SelectField } from "@/components/ui/field";
import { formatAgo, formatTime } from "@/components/ui/format";
import { Pager, SearchBox, SortHeader, csvLinkClass } from "@/components/ui/table-kit";
import { ListPage } from "@/components/ui/list-page";
import { useUrlState } from "@/components/ui/use-url-state";
import { nextSort } from "@/components/phones/url-state";
import { EXTENSION_PAGE_SIZE, extensionsApi } from "./api";
import { useExtensions } from "./use-extensions";
import { readExtensionFilters, writeExtensionFilters, type ExtensionFilters, type ExtensionSort } from "./url-state";

const statusTone = (status: string) => (status === "up" ? "good" : status === "down" ? "bad" : "neutral");

export function ExtensionsPage({
  options,
}: {
  options: { sources: { id: string; name: string; site: string }[]; statuses: string[] };
}) {
  const [filters, replace] = useUrlState(readExtensionFilters, writeExtensionFilters);
  const extensions = useExtensions(filters);
  const set = (change: Partial<ExtensionFilters>) => replace({ ...filters, page: 1, ...change });
  const onSearch = useCallback(
    (q: string) => replace({ ...filters, q: q.trim() || undefined, page: 1 }),
    [filters, replace],
  );
  const header = {
    sort: filters.sort,
    order: filters.order,
    onSort: (c: ExtensionSort) => set(nextSort<ExtensionSort>(filters, c, ["lastChange"])),
  };

  return (
    <ListPage
      filters={
        <div className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end">
          <div className="md:col-span-2">
            <SearchBox
              label="Search extensions"
              value={filters.q ?? ""}
              onSearch={onSearch}
              placeholder="Number or name…"
            />
          </div>
          <SelectField
            label="Router"
            value={filters.source ?? ""}
            onChange={(e) => set({ source: e.target.value || undefined })}
            options={[
              { value: "", label: "All routers" },
              ...options.sources.map((s) => ({ value: s.id, label: s.site ? `${s.name} (${s.site})` : s.name })),
            ]}
          />
          <SelectField
            label="Status"
            value={filters.status ?? ""}
            onChange={(e) => set({ status: e.target.value || undefined })}
            options={[{ value: "", label: "Any status" }, ...options.statuses.map((s) => ({ value: s, label: s }))]}
          />
        </div>
      }
      fetching={extensions.isFetching}
      actions={
        <a href={extensionsApi.csvUrl(filters)} download className={csvLinkClass}>
          Export CSV
        </a>
      }
      error={extensions.error}
      empty={
        extensions.data && extensions.data.total === 0
          ? filters.q || filters.source || filters.status
            ? "No extensions match these filters."
            : "No extensions have been reported yet."
          : null
      }
      loading={extensions.isPending && "Loading extensions…"}
      pager={
        <Pager
          label="Extension pages"
          page={filters.page}
          pageSize={EXTENSION_PAGE_SIZE}
          total={extensions.data?.total}
          noun="extensions"
          onPage={(page) => replace({ ...filters, page })}
        />
      }
    >
      <div className="overflow-x-auto">
        <table aria-busy={extensions.isFetching}>
          <caption className="sr-only">Extensions</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <SortHeader column="number" label="Number" {...header} />
              <SortHeader column="name" label="Name" {...header} />
              <SortHeader column="status" label="Status" {...header} />
              <th scope="col" className="py-2 pr-3">
                Call state
              </th>
              <th scope="col" className="py-2 pr-3">
                Type / line mode
              </th>
              <th scope="col" className="py-2 pr-3">
                Forward all
              </th>
              <th scope="col" className="py-2 pr-3">
                Phones
              </th>
              <SortHeader column="lastChange" label="Last change" {...header} />
              <SortHeader column="source" label="Router" {...header} />
            </tr>
          </thead>
          <tbody>
            {extensions.data?.items.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top dark:border-slate-800/60">
                <td className="py-2 pr-3 tabular-nums">
                  <span className="font-medium">{e.number}</span>
                  {e.secondaryNumber && <div className="text-xs text-slate-500">also {e.secondaryNumber}</div>}
                  <div className="text-xs text-slate-500">
                    {e.kind === "sip" ? "SIP dn" : "ephone-dn"} {e.tag}
                  </div>
                </td>
                <td className="py-2 pr-3">
                  {[e.firstName, e.lastName].filter(Boolean).join(" ") || <span className="text-slate-400">—</span>}
                </td>
                <td className="py-2 pr-3">{e.status ? <Badge tone={statusTone(e.status)}>{e.status}</Badge> : "—"}</td>
                <td className="py-2 pr-3">{e.callStatus || "—"}</td>
                <td className="py-2 pr-3">{[e.type, e.lineMode].filter(Boolean).join(" · ") || "—"}</td>
                <td className="py-2 pr-3 tabular-nums">{e.forwardAll || "—"}</td>
                <td className="py-2 pr-3">
                  {e.devices.length === 0
                    ? "—"
                    : e.devices.map((d) => (
                        <div key={d}>
                          <Link
                            href={`/phones/${encodeURIComponent(d)}`}
                            className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                          >
                            {d}
                          </Link>
                        </div>
                      ))}
                </td>
                <td className="py-2 pr-3 text-xs" title={formatTime(e.statusChangedAt)}>
                  {formatAgo(e.statusChangedAt)}
                </td>
                <td className="py-2 pr-3">
                  {e.sourceName}
                  {e.site && <div className="text-xs text-slate-500">{e.site}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ListPage>
  );
}
