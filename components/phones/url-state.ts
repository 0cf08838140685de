// The phones list state as it lives in the URL (shareable helpdesk links): read and written here.
import { phoneSorts } from "@/lib/api/contracts/inventory";
import { parseStatusList, writeStatusList } from "@/lib/domain/status";
import { deviceKinds, infrastructureClasses, type DeviceKind } from "@/lib/domain/device-classes";

export type PhoneSort = (typeof phoneSorts)[number];
export const pageSizes = [25, 50, 100, 200] as const;

export interface PhoneFilters {
  /** records: each source's own record and status instead of one row per phone. */
  view?: "records";
  q?: string;
  source?: string;
  site?: string;
  /** One status, several separated by commas, or "not-registered" (lib/domain/status.ts). */
  status?: string;
  /** The stored reason exactly ("": no reason reported), as the overview's reason counts link it. */
  reason?: string;
  /** Which devices: phones unless the URL says otherwise. */
  kind?: Exclude<DeviceKind, "phones">;
  /** One RisPort class (SIPTrunk, Gateway…), as the Infrastructure view filters. */
  deviceClass?: string;
  protocol?: string;
  model?: string;
  keyPhone?: "true" | "false";
  sort: PhoneSort;
  order: "asc" | "desc";
  page: number;
  pageSize: number;
}

const text = (v: string | null) => (v?.trim() ? v : undefined);
const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => values.find((x) => x === v);
/** A status list with no unknown word, written in its short form; anything else is no filter. */
function statusOf(v: string | null): string | undefined {
  if (!v) return undefined;
  const { statuses, unknown } = parseStatusList(v);
  return unknown.length === 0 && statuses.length > 0 ? writeStatusList(statuses) : undefined;
}

export function readPhoneFilters(params: URLSearchParams): PhoneFilters {
  const size = Number(params.get("pageSize"));
  return {
    view: oneOf(["records"] as const, params.get("view")),
    q: text(params.get("q")),
    source: text(params.get("source")),
    site: text(params.get("site")),
    status: statusOf(params.get("status")),
    reason: params.has("reason") ? (params.get("reason") ?? "").slice(0, 500) : undefined,
    kind: oneOf(
      deviceKinds.filter((k): k is Exclude<DeviceKind, "phones"> => k !== "phones"),
      params.get("class"),
    ),
    deviceClass: oneOf(Object.keys(infrastructureClasses), params.get("deviceClass")),
    protocol: text(params.get("protocol")),
    model: text(params.get("model")),
    keyPhone: oneOf(["true", "false"] as const, params.get("keyPhone")),
    sort: oneOf(phoneSorts, params.get("sort")) ?? "name",
    order: params.get("order") === "desc" ? "desc" : "asc",
    page: Math.max(1, Math.floor(Number(params.get("page"))) || 1),
    pageSize: (pageSizes as readonly number[]).includes(size) ? size : 50,
  };
}

/** The URL search string for a state; defaults are left out so links stay short. */
export function writePhoneFilters(f: PhoneFilters): string {
  const out = new URLSearchParams();
  const set = (k: string, v: string | number | undefined, fallback?: string | number) => {
    if (v !== undefined && v !== "" && v !== fallback) out.set(k, String(v));
  };
  set("view", f.view);
  set("q", f.q);
  set("source", f.source);
  set("site", f.site);
  set("status", f.status);
  if (f.reason !== undefined) out.set("reason", f.reason);
  set("class", f.kind);
  set("deviceClass", f.deviceClass);
  set("protocol", f.protocol);
  set("model", f.model);
  set("keyPhone", f.keyPhone);
  set("sort", f.sort, "name");
  set("order", f.order, "asc");
  set("page", f.page, 1);
  set("pageSize", f.pageSize, 50);
  return out.toString();
}

/** Clicking a column header: the same column flips direction, another starts at its natural one. */
export function nextSort<S extends string>(
  current: { sort: S; order: "asc" | "desc" },
  column: S,
  descFirst: readonly S[] = [],
): { sort: S; order: "asc" | "desc" } {
  if (current.sort === column) return { sort: column, order: current.order === "asc" ? "desc" : "asc" };
  return { sort: column, order: descFirst.includes(column) ? "desc" : "asc" };
}
