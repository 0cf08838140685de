"use client";
// Phones: one server-paged table across every router and cluster. Filters, search, sort and
// page live in the URL, so a helpdesk link opens the same view.
import { useCallback } from "react";
import { SelectField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { NOT_REGISTERED, effectiveStatuses, parseStatusList, registrationStatuses } from "@/lib/domain/status";
import { deviceKindLabels, deviceKinds } from "@/lib/domain/device-classes";
import { reasonInWords } from "@/lib/domain/reasons";
import { phonesApi } from "./api";
import { usePhones } from "./use-phones";
import { useUrlState } from "@/components/ui/use-url-state";
import {
  nextSort,
  pageSizes,
  readPhoneFilters,
  writePhoneFilters,
  type PhoneFilters,
  type PhoneSort,
} from "./url-state";
import { registrationLabel } from "./status-badge";
import { Pager, SearchBox, csvLinkClass } from "@/components/ui/table-kit";
import { ListPage } from "@/components/ui/list-page";
import { PhoneTable } from "./phone-table";
import { LookupPanel } from "./lookup-panel";
import { RegistrationBadge } from "./status-badge";
import Link from "next/link";

export interface PhoneFilterOptions {
  sources: { id: string; name: string; site: string; kind: string }[];
  sites: string[];
  models: string[];
  protocols: string[];
}

const any = (label: string) => ({ value: "", label });

/** Single statuses, "everything not registered", and a list the URL carries (from a shared link). */
function statusOptions(filters: PhoneFilters) {
  const statuses = filters.view === "records" ? registrationStatuses : effectiveStatuses;
  const options = [
    any("Any status"),
    { value: NOT_REGISTERED, label: "Everything not registered" },
    ...statuses.map((s) => ({ value: s as string, label: registrationLabel(s) })),
  ];
  if (filters.status && !options.some((o) => o.value === filters.status))
    options.push({
      value: filters.status,
      label: parseStatusList(filters.status).statuses.map(registrationLabel).join(", "),
    });
  return options;
}

export function PhonesPage({ options }: { options: PhoneFilterOptions }) {
  const [filters, replace] = useUrlState(readPhoneFilters, writePhoneFilters);
  const phones = usePhones(filters);
  const set = (change: Partial<PhoneFilters>) => replace({ ...filters, page: 1, ...change });
  const onSearch = useCallback(
    (q: string) => replace({ ...filters, q: q.trim() || undefined, page: 1 }),
    [filters, replace],
  );
  const onSort = (column: PhoneSort) => set(nextSort<PhoneSort>(filters, column, ["lastChange"]));
  const filtered = Boolean(
    filters.q ||
      filters.source ||
      filters.site ||
      filters.status ||
      filters.protocol ||
      filters.model ||
      filters.keyPhone ||
      filters.kind ||
      filters.reason !== undefined,
  );

  return (
    <ListPage
      filters={
        <div className="flex flex-col gap-3">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6 xl:items-end">
            <div className="col-span-2 md:col-span-4 xl:col-span-2">
              <SearchBox
                label="Search phones"
                value={filters.q ?? ""}
                onSearch={onSearch}
                placeholder="Name, MAC, number, IP, user…"
                hint="MAC in any notation: 000D.BC80.EB51, 00:0d:bc:80:eb:51, SEP000DBC80EB51"
              />
            </div>
            <SelectField
              label="Source"
              value={filters.source ?? ""}
              onChange={(e) => set({ source: e.target.value || undefined })}
              options={[any("All sources"), ...options.sources.map((s) => ({ value: s.id, label: s.name }))]}
            />
            <SelectField
              label="Site"
              value={filters.site ?? ""}
              onChange={(e) => set({ site: e.target.value || undefined })}
              options={[any("All sites"), ...options.sites.filter(Boolean).map((s) => ({ value: s, label: s }))]}
            />
            <SelectField
              label="Status"
              value={filters.status ?? ""}
              onChange={(e) => set({ status: e.target.value || undefined })}
              options={statusOptions(filters)}
            />
            <SelectField
              label="Show"
              value={filters.kind ?? ""}
              onChange={(e) =>
                set({ kind: deviceKinds.find((k) => k === e.target.value && k !== "phones") as PhoneFilters["kind"] })
              }
              options={deviceKinds.map((k) => ({ value: k === "phones" ? "" : k, label: deviceKindLabels[k] }))}
            />
            <SelectField
              label="Protocol"
              value={filters.protocol ?? ""}
              onChange={(e) => set({ protocol: e.target.value || undefined })}
              options={[any("Any protocol"), ...options.protocols.map((p) => ({ value: p, label: p }))]}
            />
            <SelectField
              label="Model"
              value={filters.model ?? ""}
              onChange={(e) => set({ model: e.target.value || undefined })}
              options={[any("Any model"), ...options.models.map((m) => ({ value: m, label: m }))]}
            />
            <SelectField
              label="Rows"
              value={filters.view ?? ""}
              onChange={(e) => set({ view: e.target.value === "records" ? "records" : undefined, status: undefined })}
              options={[
                { value: "", label: "One per phone" },
                { value: "records", label: "One per source's record" },
              ]}
            />
            <SelectField
              label="Key phone"
              value={filters.keyPhone ?? ""}
              onChange={(e) =>
                set({ keyPhone: e.target.value === "true" || e.target.value === "false" ? e.target.value : undefined })
              }
              options={[
                any("Either"),
                { value: "true", label: "Key phones only" },
                { value: "false", label: "Not key phones" },
              ]}
            />
          </div>
          <LookupPanel />
        </div>
      }
      fetching={phones.isFetching}
      actions={
        <div className="flex flex-wrap items-center gap-2">
          {filters.reason !== undefined && (
            <Button variant="ghost" onClick={() => set({ reason: undefined })} aria-label="Clear the reason filter">
              Reason: {reasonInWords(filters.reason)} <span aria-hidden="true">×</span>
            </Button>
          )}
          {filtered && (
            <Button
              variant="ghost"
              onClick={() => replace({ sort: filters.sort, order: filters.order, page: 1, pageSize: filters.pageSize })}
            >
              Clear filters
            </Button>
          )}
          <a href={phonesApi.csvUrl(filters)} download className={csvLinkClass}>
            Export CSV
          </a>
        </div>
      }
      error={phones.error}
      empty={
        phones.data && phones.data.total === 0
          ? filtered
            ? "No phones match these filters."
            : "No phones have been reported yet. They appear after the next successful poll."
          : null
      }
      loading={phones.isPending && "Loading phones…"}
      pager={
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Pager
            label="Phone pages"
            page={filters.page}
            pageSize={filters.pageSize}
            total={phones.data?.total}
            totalAtLeast={phones.data?.totalAtLeast}
            noun="phones"
            onPage={(page) => replace({ ...filters, page })}
          />
          <div className="w-40">
            <SelectField
              label="Rows per page"
              value={String(filters.pageSize)}
              onChange={(e) => set({ pageSize: Number(e.target.value) })}
              options={pageSizes.map((n) => ({ value: String(n), label: String(n) }))}
            />
          </div>
        </div>
      }
    >
      {phones.data?.exact && phones.data.exact.length > 0 && (
        <section
          aria-labelledby="exact-heading"
          className="mb-3 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950"
        >
          <h2 id="exact-heading" className="mb-1 font-medium">
            Exact {phones.data.exact.length === 1 ? "match" : "matches"}
          </h2>
          <ul className="flex flex-col gap-1">
            {phones.data.exact.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/phones/${encodeURIComponent(p.name)}`}
                  className="font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                >
                  {p.name}
                </Link>
                <RegistrationBadge status={p.effectiveStatus} router={p.fallbackRouter} reason={p.statusReason} />
                <span className="text-slate-600 dark:text-slate-400">
                  {[p.description || p.userName, p.primaryDn, p.ipAddress, p.site].filter(Boolean).join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <PhoneTable
        rows={phones.data?.items}
        sort={filters.sort}
        order={filters.order}
        onSort={onSort}
        busy={phones.isFetching}
        records={filters.view === "records"}
      />
    </ListPage>
  );
}
