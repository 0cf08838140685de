"use client";
// One phone as every source sees it: its effective state (in fallback on which router), then each
// source's record with status and reason, addresses, firmware and its download,
// lines, the key-phone flag, everything else reported, and the change timeline.
import Link from "next/link";
import { useState } from "react";
import { reasonInWords } from "@/lib/domain/reasons";
import { RecordActions, type PhoneActionRights } from "./phone-actions";
import { Notice } from "@/components/ui/notice";
import { Badge } from "@/components/ui/badge";
import { ApiError } from "@/components/api-client";
import { formatAgo, formatTime } from "@/components/ui/format";
import { RegistrationBadge, registrationLabel } from "./status-badge";
import { RefreshHint } from "@/components/ui/table-kit";
import { usePhone } from "./use-phones";
import { RefreshPhoneButton } from "./refresh-button";
import type { PhoneDetail as Detail } from "./api";

type PhoneRecord = Detail["records"][number];

const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const text = (v: unknown) => (typeof v === "string" && v ? v : null);

/** Firmware as a cluster reports it (active and inactive load, download state and server). */
function firmwareOf(record: PhoneRecord) {
  const firmware = asObject(record.detail.firmware);
  const status = text(firmware.downloadStatus);
  const reason = text(firmware.downloadFailureReason);
  return {
    active: record.firmware || text(firmware.active),
    inactive: text(firmware.inactive),
    download: status ? (reason ? `${status} (${reason})` : status) : null,
    server: text(firmware.downloadServer),
  };
}

/** Every address the source lists ("10.1.2.3 · ipv4 · administrative"), else the two stored ones. */
function addressesOf(record: PhoneRecord): string[] {
  const listed = Array.isArray(record.detail.addresses) ? record.detail.addresses : [];
  const words = listed
    .map((a) =>
      Object.values(asObject(a))
        .filter((v) => v !== null && v !== "")
        .join(" · "),
    )
    .filter(Boolean);
  return words.length ? words : [record.ipAddress, record.ipv6Address].filter(Boolean);
}

const show = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "—"
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/** What each source reports beyond the columns, in words; keys not listed here show as reported. */
const detailLabels: Record<string, string> = {
  statusWorkedOut: "Status worked out",
  ephoneTag: "Ephone",
  poolId: "Voice register pool",
  lastStatus: "Router's last status",
  routerChangeTime: "Changed at router uptime (s)",
  buttons: "Line buttons",
  doNotDisturb: "Do not disturb",
  tapi: "TAPI client",
  configuredType: "Configured type",
  singleNumberReach: "Single number reach",
  logoutProfileId: "Logout profile",
  userProfileId: "User profile",
  sessionServer: "Session server",
  maxRegistrations: "Most registrations",
  dtmfRelay: "DTMF relay",
  codec: "Codec",
  modelCode: "Model number",
  product: "Product",
  statusReasonCode: "Status reason code",
  httpd: "Web server on the phone",
  registrationAttempts: "Registration attempts",
  isCtiControllable: "CTI controllable",
  perfMonObject: "PerfMon object",
  dChannel: "D-channel",
  h323Trunk: "H.323 trunk",
  lastChangeAt: "Last change on the cluster",
};

/** A reported value in words: yes/no, times, button lists; anything else as compact JSON. */
function detailValue(key: string, value: unknown): string {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (key === "lastChangeAt" && typeof value === "number" && value > 0)
    return formatTime(new Date(value * 1000).toISOString());
  if (key === "buttons" && Array.isArray(value))
    return (
      value
        .map((b) =>
          Object.values(asObject(b))
            .filter((v) => v !== null && v !== "")
            .join(" "),
        )
        .join(", ") || "—"
    );
  return show(value);
}

/** "14 min ago", or, when the phone was already down when Linewatch first read it, since when it has known. */
function downSince(record: PhoneRecord): string {
  const changed = Date.parse(record.statusChangedAt);
  const first = Date.parse(record.firstSeenAt);
  return changed - first > 1000
    ? formatAgo(record.statusChangedAt)
    : `already so when Linewatch first read it, ${formatTime(record.firstSeenAt)}`;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate">{children}</dd>
    </div>
  );
}

function RecordCard({ record, rights }: { record: PhoneRecord; rights: PhoneActionRights }) {
  const [raw, setRaw] = useState(false);
  const firmware = firmwareOf(record);
  const addresses = addressesOf(record);
  const lineKeys = [...new Set(record.lines.flatMap((l) => Object.keys(l)))].filter(
    (k) => k !== "dn" && k !== "status",
  );
  const otherDetail = Object.entries(record.detail).filter(([k]) => k !== "firmware" && k !== "addresses");
  return (
    <section
      aria-labelledby={`record-${record.id}`}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id={`record-${record.id}`} className="font-medium">
          {record.sourceName}
        </h2>
        <span className="text-sm text-slate-500">
          {record.sourceKind === "cucm" ? "Unified CM cluster" : "CME router"}
          {record.sourceSite ? ` · ${record.sourceSite}` : ""}
        </span>
        <RegistrationBadge
          status={record.registrationStatus}
          reason={record.statusReason}
          workedOut={typeof record.detail.statusWorkedOut === "string" ? record.detail.statusWorkedOut : null}
        />
        {record.keyPhone && <Badge tone="neutral">Key phone</Badge>}
        {record.missing && <Badge tone="warn">No longer reported</Badge>}
      </header>
      {record.registrationStatus !== "registered" && (
        <p className="mb-3 text-sm">
          <span className="font-medium">Why:</span> {reasonInWords(record.statusReason)}{" "}
          <span className="text-slate-600 dark:text-slate-400" title={formatTime(record.statusChangedAt)}>
            ({downSince(record)})
          </span>
        </p>
      )}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm md:grid-cols-4">
        <Field label="Status since">
          <span title={formatTime(record.statusChangedAt)}>{formatAgo(record.statusChangedAt)}</span>
        </Field>
        <Field label="Model / protocol">
          {record.model || "—"} · {record.protocol || "—"}
        </Field>
        <Field label="Description">{show(record.description)}</Field>
        <Field label="User">
          {record.userName && record.sourceKind === "cme" && rights.resetPassword ? (
            <Link
              href={`/cme-users?router=${encodeURIComponent(record.sourceId)}&user=${encodeURIComponent(record.userName)}`}
              className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
            >
              {record.userName}
            </Link>
          ) : (
            show(record.userName)
          )}
        </Field>
        <Field label="Addresses">
          {addresses.length === 0
            ? "—"
            : addresses.map((a) => (
                <span key={a} className="block truncate font-mono text-xs leading-5" title={a}>
                  {a}
                </span>
              ))}
        </Field>
        <Field label={record.sourceKind === "cucm" ? "Node" : "Router"}>{show(record.node)}</Field>
        {/* From a cluster's configured inventory (AXL): absent for routers and clusters without it. */}
        {record.devicePool && <Field label="Device pool">{record.devicePool}</Field>}
        {record.location && <Field label="Location">{record.location}</Field>}
        <Field label="Device class">{show(record.deviceClass)}</Field>
        <Field label="Firmware">
          <span className="font-mono" title={firmware.inactive ? `Inactive load ${firmware.inactive}` : undefined}>
            {show(firmware.active)}
          </span>
        </Field>
        <Field label="Firmware download">
          <span title={firmware.server ? `From ${firmware.server}` : undefined}>{firmware.download ?? "—"}</span>
        </Field>
        <Field label="Key phone">{record.keyPhone === null ? "—" : record.keyPhone ? "Yes" : "No"}</Field>
        <Field label="First seen">{formatTime(record.firstSeenAt)}</Field>
      </dl>
      <h3 className="mt-4 mb-1 text-sm font-medium">Lines</h3>
      {record.lines.length === 0 ? (
        <p className="text-sm text-slate-500">No lines reported.</p>
      ) : (
        <table>
          <caption className="sr-only">
            Lines of {record.name} on {record.sourceName}
          </caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className="py-1 pr-3">
                #
              </th>
              <th scope="col" className="pr-3">
                Number
              </th>
              <th scope="col" className="pr-3">
                State
              </th>
              {lineKeys.map((k) => (
                <th key={k} scope="col" className="pr-3">
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {record.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a line is its button position on the phone
              <tr key={i} className="border-b border-slate-100 dark:border-slate-800/60">
                <td className="py-1 pr-3 tabular-nums">{i + 1}</td>
                <td className="pr-3 tabular-nums">
                  {typeof line.dn === "string" && line.dn ? (
                    <Link
                      href={`/extensions?q=${encodeURIComponent(line.dn)}${record.sourceKind === "cme" ? `&source=${encodeURIComponent(record.sourceId)}` : ""}`}
                      className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                    >
                      {line.dn}
                    </Link>
                  ) : (
                    show(line.dn)
                  )}
                </td>
                <td className="pr-3">
                  {typeof line.status === "string" ? registrationLabel(line.status) : show(line.status)}
                </td>
                {lineKeys.map((k) => (
                  <td key={k} className="pr-3">
                    {show(line[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {otherDetail.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer">Everything else {record.sourceName} reports</summary>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 md:grid-cols-2">
            {otherDetail.map(([k, v]) => (
              <div key={k} className="flex min-w-0 gap-2">
                <dt className="shrink-0 text-slate-500">{detailLabels[k] ?? k}</dt>
                <dd className="truncate" title={detailValue(k, v)}>
                  {detailValue(k, v)}
                </dd>
              </div>
            ))}
          </dl>
          <button
            type="button"
            className="mt-2 text-xs text-sky-800 underline dark:text-sky-300"
            aria-expanded={raw}
            onClick={() => setRaw(!raw)}
          >
            {raw ? "Hide the raw record" : "Show the raw record (JSON)"}
          </button>
          {raw && (
            <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
              {JSON.stringify(record.detail, null, 2)}
            </pre>
          )}
        </details>
      )}
      <RecordActions record={record} rights={rights} />
    </section>
  );
}

const changeWords: Record<string, string> = {
  appeared: "Appeared",
  missing: "No longer reported",
  status: "Status",
  ip: "IP address",
  firmware: "Firmware",
  line: "Line",
  "key-phone": "Key phone",
  "device-pool": "Device pool",
  "cti-status": "CTI status",
};

/** Which CTI applications (recorders, contact centre, TAPI clients) control this phone. */
function CtiControl({ apps }: { apps: Detail["ctiControl"] }) {
  return (
    <section aria-labelledby="cti-control-heading" className="flex flex-col gap-2">
      <h2 id="cti-control-heading" className="font-medium">
        CTI control
      </h2>
      {apps.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No CTI application controls this phone.</p>
      ) : (
        <table>
          <caption className="sr-only">CTI applications controlling this phone</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th className="py-1.5">Application</th>
              <th>User</th>
              <th>Cluster</th>
              <th>Application status</th>
              <th>This phone</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => (
              <tr key={`${a.sourceName}-${a.appId}`} className="border-b border-slate-100 dark:border-slate-800/60">
                <td className="py-1.5 font-mono text-xs">{a.appId}</td>
                <td>{a.userId}</td>
                <td>{a.sourceName}</td>
                <td>
                  {a.status}
                  {a.reason ? ` (${a.reason})` : ""}
                </td>
                <td>{a.deviceStatus}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Timeline({ history, limit }: { history: Detail["history"]; limit: number }) {
  return (
    <section aria-labelledby="timeline-heading" className="flex flex-col gap-2">
      <h2 id="timeline-heading" className="font-medium">
        What changed
      </h2>
      {history.length === 0 ? (
        <p className="text-sm text-slate-500">No changes recorded.</p>
      ) : (
        <ol className="flex flex-col gap-1 border-l border-slate-200 pl-4 text-sm dark:border-slate-800">
          {history.map((h) => {
            // These changes carry registration states on both sides.
            const isStatus = h.change === "status" || h.change === "appeared" || h.change === "missing";
            return (
              <li key={h.id} className="flex flex-wrap items-baseline gap-x-2">
                <time dateTime={h.at} className="w-44 shrink-0 text-slate-500 tabular-nums">
                  {formatTime(h.at)}
                </time>
                <span className="font-medium">{changeWords[h.change] ?? h.change}</span>
                {(h.before !== null || h.after !== null) && (
                  <span>
                    {isStatus ? registrationLabel(h.before ?? "") || "—" : show(h.before)}{" "}
                    <span aria-hidden="true">→</span>
                    <span className="sr-only">to</span>{" "}
                    {isStatus ? registrationLabel(h.after ?? "") || "—" : show(h.after)}
                  </span>
                )}
                {h.reason && <span className="text-slate-600 dark:text-slate-400">({h.reason})</span>}
                <span className="text-xs text-slate-500">on {h.sourceName}</span>
              </li>
            );
          })}
        </ol>
      )}
      {history.length >= limit && <p className="text-xs text-slate-500">Showing the latest {limit} changes.</p>}
    </section>
  );
}

const noRights: PhoneActionRights = { keyPhones: false, resetPassword: false, restart: false };

/**
 * `canRefresh`: the user may poll now, so "Refresh now" (which spends cluster budget) is offered;
 * `rights`: what the user may do; each record offers what its source allows (restart where
 * `restartable`, key phones and passwords on routers).
 */
export function PhoneDetail({
  name,
  canRefresh = false,
  rights = noRights,
}: {
  name: string;
  canRefresh?: boolean;
  rights?: PhoneActionRights;
}) {
  const phone = usePhone(name);
  if (phone.error) {
    return (
      <div className="flex flex-col gap-2">
        <Notice tone="error">
          {phone.error instanceof ApiError && phone.error.status === 404
            ? `No source reports a phone called ${name}. It may have been removed, or the name is mistyped.`
            : phone.error.message}
        </Notice>
        <Link href="/phones" className="text-sm text-sky-800 underline dark:text-sky-300">
          Back to all phones
        </Link>
      </div>
    );
  }
  if (!phone.data) return <p className="text-sm text-slate-500">Loading {name}…</p>;
  const { data } = phone;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="flex items-center gap-2">
          Now{" "}
          <RegistrationBadge
            status={data.effectiveStatus}
            router={data.fallbackRouter}
            reason={data.records[0]?.statusReason}
          />
        </span>
        {data.site && <span>Site {data.site}</span>}
        {data.mac && (
          <span>
            MAC <span className="font-mono">{data.mac}</span>
          </span>
        )}
        <span>{data.records.length === 1 ? "Reported by 1 source" : `Reported by ${data.records.length} sources`}</span>
        <Link
          href={`/phones?q=${encodeURIComponent(data.mac ?? data.name)}`}
          className="text-sky-800 underline dark:text-sky-300"
        >
          Find in the phones list
        </Link>
        <RefreshHint fetching={phone.isFetching} label="Refreshing…" />
      </div>
      {canRefresh && <RefreshPhoneButton name={name} />}
      {data.records.map((r) => (
        <RecordCard key={r.id} record={r} rights={rights} />
      ))}
      <CtiControl apps={data.ctiControl} />
      <Timeline history={data.history} limit={data.historyLimit} />
    </div>
  );
}
