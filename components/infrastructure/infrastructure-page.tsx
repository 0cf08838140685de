"use client";
// Infrastructure: the devices that are not phones (SIP trunks, gateways, media resources,
// voicemail ports, hunt lists, CTI ports) with their state, problems first: a trunk down matters
// more than one phone. Same API and URL state as the phones list, fixed to that kind.
import { useCallback } from "react";
import { SelectField } from "@/components/ui/field";
import { Pager, SearchBox, csvLinkClass } from "@/components/ui/table-kit";
import { ListPage } from "@/components/ui/list-page";
import { phonesApi } from "@/components/phones/api";
import { usePhones } from "@/components/phones/use-phones";
import { useUrlState } from "@/components/ui/use-url-state";
import { registrationLabel } from "@/components/phones/status-badge";
import { readPhoneFilters, writePhoneFilters, type PhoneFilters } from "@/components/phones/url-state";
import { NOT_REGISTERED, effectiveStatuses } from "@/lib/domain/status";
import { infrastructureClasses } from "@/lib/domain/device-classes";
import { InfrastructureTable } from "./infrastructure-table";

const read = (params: URLSearchParams): PhoneFilters => {
  const filters = readPhoneFilters(params);
  // Problems first unless the link asks for another order.
  return { ...filters, kind: "infrastructure", ...(params.has("sort") ? {} : { sort: "status" }) };
};
const write = (filters: PhoneFilters) =>
  writePhoneFilters({ ...filters, kind: undefined, sort: filters.sort === "status" ? "name" : filters.sort });

export function InfrastructurePage({ sources }: { sources: { id: string; name: string }[] }) {
  const [filters, replace] = useUrlState(read, write);
  const devices = usePhones(filters);
  const set = (change: Partial<PhoneFilters>) => replace({ ...filters, page: 1, ...change });
  const onSearch = useCallback(
    (q: string) => replace({ ...filters, q: q.trim() || undefined, page: 1 }),
    [filters, replace],
  );
  return (
    <ListPage
      filters={
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:items-end">
          <SearchBox
            label="Search devices"
            value={filters.q ?? ""}
            onSearch={onSearch}
            placeholder="Name, description…"
          />
          <SelectField
            label="Type"
            value={filters.deviceClass ?? ""}
            onChange={(e) => set({ deviceClass: e.target.value || undefined })}
            options={[
              { value: "", label: "Every type" },
              ...Object.entries(infrastructureClasses).map(([value, label]) => ({ value, label })),
            ]}
          />
          <SelectField
            label="Status"
            value={filters.status ?? ""}
            onChange={(e) => set({ status: e.target.value || undefined })}
            options={[
              { value: "", label: "Any status" },
              { value: NOT_REGISTERED, label: "Everything not registered" },
              ...effectiveStatuses.map((s) => ({ value: s as string, label: registrationLabel(s) })),
            ]}
          />
          <SelectField
            label="Source"
            value={filters.source ?? ""}
            onChange={(e) => set({ source: e.target.value || undefined })}
            options={[{ value: "", label: "All sources" }, ...sources.map((s) => ({ value: s.id, label: s.name }))]}
          />
        </div>
      }
      fetching={devices.isFetching}
      actions={
        <a href={phonesApi.csvUrl(filters)} download className={csvLinkClass}>
          Export CSV
        </a>
      }
      error={devices.error}
      empty={
        devices.data && devices.data.total === 0
          ? filters.q || filters.deviceClass || filters.status || filters.source
            ? "No devices match these filters."
            : "No trunks, gateways or media resources have been reported. Clusters report them with their phones."
          : null
      }
      loading={devices.isPending && "Loading devices…"}
      pager={
        <Pager
          label="Device pages"
          page={filters.page}
          pageSize={filters.pageSize}
          total={devices.data?.total}
          totalAtLeast={devices.data?.totalAtLeast}
          noun="devices"
          onPage={(page) => replace({ ...filters, page })}
        />
      }
    >
      <InfrastructureTable rows={devices.data?.items} busy={devices.isFetching} />
    </ListPage>
  );
}
