"use client";
// The frame every list page shares: an optional section heading, the filter bar, the refresh hint
// with the page's actions beside it, the error notice, the table, the empty and loading lines and
// the pager. Pages fill the slots; the order and the wording around them stay the same everywhere.
import { useId } from "react";
import { Notice } from "./notice";
import { RefreshHint } from "./table-kit";

export interface ListPageProps {
  /** A section heading (h2); the section is then labelled by it. */
  heading?: string;
  /** The heading's id, when tests or links need a fixed one. */
  headingId?: string;
  filters?: React.ReactNode;
  /** Shows "Updating…" while a refetch runs; leave out on lists that do not refetch in place. */
  fetching?: boolean;
  /** Beside the refresh hint: export links, "Clear filters". */
  actions?: React.ReactNode;
  error?: { message: string } | null;
  /** What an empty result means, in words; shown only when given. */
  empty?: React.ReactNode;
  /** The loading line, e.g. "Loading phones…"; shown only when given. */
  loading?: React.ReactNode;
  pager?: React.ReactNode;
  /** Gap between the parts: gap-3 for most lists, gap-2 for sections within a page, gap-4 where the page already spaces so. */
  gap?: "gap-2" | "gap-3" | "gap-4";
  children?: React.ReactNode;
}

export function ListPage({
  heading,
  headingId,
  filters,
  fetching,
  actions,
  error,
  empty,
  loading,
  pager,
  gap = "gap-3",
  children,
}: ListPageProps) {
  const generatedId = useId();
  const id = headingId ?? generatedId;
  const hint = fetching === undefined ? null : <RefreshHint fetching={fetching} />;
  const body = (
    <>
      {heading && (
        <h2 id={id} className="font-medium">
          {heading}
        </h2>
      )}
      {filters}
      {actions ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {hint ?? <span />}
          {actions}
        </div>
      ) : (
        hint
      )}
      {error && <Notice tone="error">{error.message}</Notice>}
      {children}
      {empty && <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>}
      {loading && <p className="text-sm text-slate-500">{loading}</p>}
      {pager}
    </>
  );
  return heading ? (
    <section aria-labelledby={id} className={`flex flex-col ${gap}`}>
      {body}
    </section>
  ) : (
    <div className={`flex flex-col ${gap}`}>{body}</div>
  );
}
