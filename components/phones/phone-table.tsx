"use client";
// The phones table: one row per device with its effective state across sources (a branch phone
// in fallback names its router); name and MAC link to the phone's page with every source's record.
import Link from "next/link";
import { formatAgo, formatTime } from "@/components/ui/format";
import { RegistrationBadge } from "./status-badge";
import { SortHeader } from "@/components/ui/table-kit";
import type { PhoneRow } from "./api";
import type { PhoneSort } from "./url-state";
import { PHONE_CLASS, deviceClassLabel } from "@/lib/domain/device-classes";

/** `records`: each row is one source's record, so its status is what that source reports. */
export function PhoneTable({
  rows,
  sort,
  order,
  onSort,
  busy,
  records = false,
}: {
  rows: PhoneRow[] | undefined;
  sort: PhoneSort;
  order: "asc" | "desc";
  onSort: (c: PhoneSort) => void;
  busy: boolean;
  records?: boolean;
}) {
  const header = { sort, order, onSort };
  return (
    <div className="overflow-x-auto">
      <table aria-busy={busy} className="min-w-[1000px] table-fixed">
        <caption className="sr-only">
          Phones, sorted by {sort} {order === "asc" ? "ascending" : "descending"}
        </caption>
        <colgroup>
          <col className="w-[15%]" />
          <col className="w-[14%]" />
          <col className="w-[10%]" />
          <col className="w-[8%]" />
          <col className="w-[13%]" />
          <col className="w-[10%]" />
          <col className="w-[12%]" />
          <col className="w-[8%]" />
          <col className="w-[10%]" />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <SortHeader column="name" label="Name / MAC" {...header} />
            <th scope="col" className="py-2 pr-3">
              Description / user
            </th>
            <SortHeader column="model" label="Model" {...header} />
            <th scope="col" className="py-2 pr-3">
              Number
            </th>
            <SortHeader column="status" label="Status" {...header} />
            <SortHeader column="ip" label="IP address" {...header} />
            <th scope="col" className="py-2 pr-3">
              Node / firmware
            </th>
            <SortHeader column="lastChange" label="Last change" {...header} />
            <SortHeader column="source" label="Source" {...header} />
          </tr>
        </thead>
        <tbody>
          {rows?.map((p) => (
            <tr
              key={p.id}
              className={`border-b border-slate-100 align-top dark:border-slate-800/60 ${p.missing ? "opacity-60" : ""}`}
            >
              <td className="py-2 pr-3">
                <Link
                  href={`/phones/${encodeURIComponent(p.name)}`}
                  className="font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                >
                  {p.name}
                </Link>
                {p.mac && <div className="font-mono text-xs text-slate-500">{p.mac}</div>}
              </td>
              <td className="truncate py-2 pr-3" title={[p.description, p.userName].filter(Boolean).join(" · ")}>
                <div className="truncate">{p.description || <span className="text-slate-400">—</span>}</div>
                {p.userName && <div className="truncate text-xs text-slate-500">{p.userName}</div>}
              </td>
              <td className="py-2 pr-3">
                <div className="truncate" title={p.model}>
                  {p.model}
                </div>
                <div className="text-xs text-slate-500">
                  {p.deviceClass !== PHONE_CLASS ? `${deviceClassLabel(p.deviceClass)} · ` : ""}
                  {p.protocol}
                  {p.keyPhone ? " · key phone" : ""}
                </div>
              </td>
              <td className="py-2 pr-3 tabular-nums">
                {p.primaryDn || <span className="text-slate-400">—</span>}
                {p.lineCount > 1 && <div className="text-xs text-slate-500">{p.lineCount} lines</div>}
              </td>
              <td className="py-2 pr-3">
                {records ? (
                  <RegistrationBadge status={p.registrationStatus} reason={p.statusReason} />
                ) : (
                  <RegistrationBadge status={p.effectiveStatus} router={p.fallbackRouter} reason={p.statusReason} />
                )}
                {p.statusReason && (records ? p.registrationStatus : p.effectiveStatus) !== "registered" && (
                  <div className="mt-0.5 truncate text-xs text-slate-600 dark:text-slate-400" title={p.statusReason}>
                    {p.statusReason}
                  </div>
                )}
                {p.missing && <div className="text-xs text-slate-500">No longer reported</div>}
              </td>
              <td className="truncate py-2 pr-3 font-mono text-xs" title={p.ipv6Address || undefined}>
                {p.ipAddress || <span className="text-slate-400">—</span>}
              </td>
              <td className="py-2 pr-3">
                <div className="truncate" title={p.node}>
                  {p.node}
                </div>
                <div className="truncate font-mono text-xs text-slate-500" title={p.firmware}>
                  {p.firmware}
                </div>
              </td>
              <td className="py-2 pr-3 text-xs" title={formatTime(p.statusChangedAt)}>
                {formatAgo(p.statusChangedAt)}
              </td>
              <td className="py-2 pr-3">
                <div className="truncate" title={p.sourceName}>
                  {p.sourceName}
                </div>
                {p.site && (
                  <div className="truncate text-xs text-slate-500" title={p.site}>
                    {p.site}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
