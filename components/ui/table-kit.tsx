"use client";
// Pieces every server-paged inventory table shares: sortable headers (aria-sort), the pager,
// the debounced search box and the refresh hint that takes no space of its own.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatCount } from "./format";

export function SortHeader<S extends string>({
  column,
  label,
  sort,
  order,
  onSort,
  className = "",
}: {
  column: S;
  label: string;
  sort: S;
  order: "asc" | "desc";
  onSort: (column: S) => void;
  className?: string;
}) {
  const active = sort === column;
  return (
    <th
      scope="col"
      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}
      className={`py-2 pr-3 ${className}`}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className="inline-flex items-center gap-1 rounded hover:text-slate-900 dark:hover:text-slate-100"
      >
        {label}
        <span aria-hidden="true" className={`w-3 text-xs ${active ? "" : "opacity-0"}`}>
          {order === "asc" ? "▲" : "▼"}
        </span>
        <span className="sr-only">
          {active
            ? `, sorted ${order === "asc" ? "ascending" : "descending"}; activate to reverse`
            : ", activate to sort"}
        </span>
      </button>
    </th>
  );
}

export function Pager({
  label,
  page,
  pageSize,
  total,
  totalAtLeast = false,
  noun,
  onPage,
}: {
  label: string;
  page: number;
  pageSize: number;
  total: number | undefined;
  /** The total is a lower bound (a search counted so far and no further): "1,000+", no last page. */
  totalAtLeast?: boolean;
  noun: string;
  onPage: (page: number) => void;
}) {
  const pages = total === undefined ? page : Math.max(1, Math.ceil(total / pageSize));
  const more = totalAtLeast ? "+" : "";
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(1)}>
        First page
      </Button>
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous page
      </Button>
      <span className="tabular-nums">
        Page {formatCount(page)} of {formatCount(pages)}
        {more}
        {total !== undefined ? ` · ${formatCount(total)}${more} ${noun}` : ""}
      </span>
      <Button variant="secondary" disabled={page >= pages && !totalAtLeast} onClick={() => onPage(page + 1)}>
        Next page
      </Button>
      <Button variant="secondary" disabled={page >= pages || totalAtLeast} onClick={() => onPage(pages)}>
        Last page
      </Button>
    </nav>
  );
}

/** A search field that reports what was typed after a pause, and follows the URL when it changes elsewhere. */
export function SearchBox({
  label,
  value,
  onSearch,
  placeholder,
  hint,
  delayMs = 250,
}: {
  label: string;
  value: string;
  onSearch: (text: string) => void;
  placeholder?: string;
  hint?: string;
  delayMs?: number;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const sent = useRef(value);
  // The latest callback, so a parent re-render does not restart the pause.
  const report = useRef(onSearch);
  useEffect(() => {
    report.current = onSearch;
  }, [onSearch]);
  useEffect(() => {
    // Back/forward or a cleared filter changed the URL: show it, unless it is our own echo.
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  // Sends a search once. Leaving the box (say, to click a result) sends it at once: a pause ending
  // after the click would replace the URL and pull the person back to the list.
  const flush = useCallback((latest: string) => {
    if (latest === sent.current) return;
    sent.current = latest;
    report.current(latest);
  }, []);
  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => flush(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs, flush]);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => flush(text)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

/** Says a refresh is running without moving anything (the row keeps its height). */
export function RefreshHint({ fetching, label = "Updating…" }: { fetching: boolean; label?: string }) {
  return (
    <p aria-live="polite" className="h-5 text-xs text-slate-500">
      {fetching ? label : ""}
    </p>
  );
}

export const csvLinkClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
