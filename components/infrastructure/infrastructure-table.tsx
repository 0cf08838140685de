"use client";
// Trunks, gateways and media resources: what each is, its state and why, where it runs.
import Link from "next/link";
import { formatAgo, formatTime } from "@/components/ui/format";
import { RegistrationBadge } from "@/components/phones/status-badge";
import type { PhoneRow } from "@/components/phones/api";
import { deviceClassLabel } from "@/lib/domain/device-classes";

const dash = <span className="text-slate-400">—</span>;

export function InfrastructureTable({ rows, busy }: { rows: PhoneRow[] | undefined; busy: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table aria-busy={busy} className="w-full table-fixed">
        <caption className="sr-only">Infrastructure devices, problems first</caption>
        <colgroup>
          <col className="w-[20%]" />
          <col className="w-[13%]" />
          <col className="w-[19%]" />
          <col className="w-[18%]" />
          <col className="w-[12%]" />
          <col className="w-[8%]" />
          <col className="w-[10%]" />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="py-2 pr-3">
              Name
            </th>
            <th scope="col" className="py-2 pr-3">
              Type
            </th>
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="py-2 pr-3">
              Description
            </th>
            <th scope="col" className="py-2 pr-3">
              Node / address
            </th>
            <th scope="col" className="py-2 pr-3">
              Since
            </th>
            <th scope="col" className="py-2 pr-3">
              Source
            </th>
          </tr>
        </thead>
        <tbody>
          {rows?.map((d) => (
            <tr key={d.id} className="border-b border-slate-100 align-top dark:border-slate-800/60">
              <td className="py-2 pr-3">
                <Link
                  href={`/phones/${encodeURIComponent(d.name)}`}
                  className="block truncate font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                  title={d.name}
                >
                  {d.name}
                </Link>
              </td>
              <td className="py-2 pr-3">
                <div className="truncate" title={d.model}>
                  {deviceClassLabel(d.deviceClass)}
                </div>
                <div className="truncate text-xs text-slate-500" title={d.model}>
                  {d.model} {d.protocol && `· ${d.protocol}`}
                </div>
              </td>
              <td className="py-2 pr-3">
                <RegistrationBadge status={d.effectiveStatus} router={d.fallbackRouter} />
                {d.statusReason && d.effectiveStatus !== "registered" && (
                  <div className="mt-0.5 truncate text-xs text-slate-600 dark:text-slate-400" title={d.statusReason}>
                    {d.statusReason}
                  </div>
                )}
              </td>
              <td className="truncate py-2 pr-3" title={d.description}>
                {d.description || dash}
              </td>
              <td className="py-2 pr-3">
                <div className="truncate" title={d.node}>
                  {d.node || dash}
                </div>
                <div className="truncate font-mono text-xs text-slate-500">{d.ipAddress}</div>
              </td>
              <td className="py-2 pr-3 text-xs" title={formatTime(d.statusChangedAt)}>
                {formatAgo(d.statusChangedAt)}
              </td>
              <td className="py-2 pr-3">
                <div className="truncate" title={d.sourceName}>
                  {d.sourceName}
                </div>
                {d.site && <div className="truncate text-xs text-slate-500">{d.site}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
