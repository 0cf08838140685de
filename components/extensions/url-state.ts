// The extensions list state as it lives in the URL.
export const extensionSorts = ["number", "status", "name", "source", "lastChange"] as const;
export type ExtensionSort = (typeof extensionSorts)[number];

export interface ExtensionFilters {
  q?: string;
  source?: string;
  status?: string;
  sort: ExtensionSort;
  order: "asc" | "desc";
  page: number;
}

const text = (v: string | null) => (v?.trim() ? v : undefined);

export function readExtensionFilters(params: URLSearchParams): ExtensionFilters {
  return {
    q: text(params.get("q")),
    source: text(params.get("source")),
    status: text(params.get("status")),
    sort: extensionSorts.find((s) => s === params.get("sort")) ?? "number",
    order: params.get("order") === "desc" ? "desc" : "asc",
    page: Math.max(1, Math.floor(Number(params.get("page"))) || 1),
  };
}

export function writeExtensionFilters(f: ExtensionFilters): string {
  const out = new URLSearchParams();
  if (f.q) out.set("q", f.q);
  if (f.source) out.set("source", f.source);
  if (f.status) out.set("status", f.status);
  if (f.sort !== "number") out.set("sort", f.sort);
  if (f.order !== "asc") out.set("order", f.order);
  if (f.page > 1) out.set("page", String(f.page));
  return out.toString();
}
