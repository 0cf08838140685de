"use client";
// Keyboard shortcuts: "/" puts the cursor in the page's search box, Ctrl/Cmd-K opens a palette
// that jumps to a page, a router or cluster, a site, or a phone (found as you type).
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { phonesApi } from "@/components/phones/api";
import { phoneKeys } from "@/components/phones/keys";
import { sourcesApi } from "@/components/sources/api";
import { sourceKeys } from "@/components/sources/keys";
import type { NavItem } from "./nav-items";

interface Target {
  kind: "Page" | "Source" | "Site" | "Phone";
  label: string;
  href: string;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Which targets match the typed words (every word somewhere in the label), pages first. */
export function matchTargets(targets: readonly Target[], text: string, limit = 8): Target[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return targets.filter((t) => words.every((w) => t.label.toLowerCase().includes(w))).slice(0, limit);
}

export function CommandPalette({ pages }: { pages: NavItem[] }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      } else if (event.key === "/" && !typing(event.target) && !event.ctrlKey && !event.metaKey) {
        const search = document.querySelector<HTMLInputElement>('main input[type="search"]');
        event.preventDefault();
        if (search) search.focus();
        else setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return open ? <Palette pages={pages} onClose={() => setOpen(false)} /> : null;
}

function Palette({ pages, onClose }: { pages: NavItem[]; onClose: () => void }) {
  const router = useRouter();
  const ref = useRef<HTMLDialogElement>(null);
  const listId = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const sources = useQuery({
    queryKey: sourceKeys.list({}),
    queryFn: () => sourcesApi.list({}),
    staleTime: 60_000,
  });
  const q = text.trim();
  // The phone search waits for a pause in typing: a search per keystroke ran into the caller's
  // limit on searches in flight (429), and the last one, the one that matters, came back empty.
  const [settled, setSettled] = useState(q);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(q), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const phoneQuery = {
    q: settled,
    sort: "name" as const,
    order: "asc" as const,
    page: 1,
    pageSize: 5,
    kind: "all" as const,
  };
  const phones = useQuery({
    queryKey: phoneKeys.list(phoneQuery),
    queryFn: ({ signal }) => phonesApi.list(phoneQuery, signal),
    enabled: settled.length >= 2,
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const targets = useMemo(() => {
    const items = sources.data?.items ?? [];
    const fixed: Target[] = [
      ...pages.map((p) => ({ kind: "Page" as const, label: p.label, href: p.href })),
      ...items.map((s) => ({
        kind: "Source" as const,
        label: s.name,
        href: `/phones?source=${encodeURIComponent(s.id)}`,
      })),
      ...[...new Set(items.map((s) => s.site).filter(Boolean))].map((site) => ({
        kind: "Site" as const,
        label: site,
        href: `/phones?site=${encodeURIComponent(site)}`,
      })),
    ];
    const found: Target[] = (settled.length >= 2 ? (phones.data?.items ?? []) : []).map((p) => ({
      kind: "Phone" as const,
      label: [p.name, p.description || p.userName, p.primaryDn].filter(Boolean).join(" · "),
      href: `/phones/${encodeURIComponent(p.name)}`,
    }));
    return [...matchTargets(fixed, q), ...found];
  }, [pages, sources.data, phones.data, q, settled]);

  const go = (target: Target | undefined) => {
    if (!target) return;
    onClose();
    router.push(target.href);
  };
  const current = Math.min(active, Math.max(0, targets.length - 1));
  return (
    <dialog
      ref={ref}
      aria-label="Jump to"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto mt-24 w-full max-w-lg rounded-lg border border-slate-200 bg-white p-3 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <input
        // biome-ignore lint/a11y/noAutofocus: the palette exists to be typed into
        autoFocus
        type="text"
        role="combobox"
        aria-label="Jump to a page, router, site or phone"
        aria-expanded={targets.length > 0}
        aria-controls={listId}
        aria-activedescendant={targets.length > 0 ? `${listId}-${current}` : undefined}
        value={text}
        placeholder="Page, router, site, phone name, MAC or number…"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((i) => Math.min(i + 1, targets.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            go(targets[current]);
          }
        }}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <div id={listId} role="listbox" aria-label="Matches" className="mt-2 max-h-80 overflow-y-auto text-sm">
        {targets.map((t, i) => (
          <div
            key={`${t.kind}-${t.href}`}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === current}
            onMouseDown={(e) => {
              e.preventDefault();
              go(t);
            }}
            onMouseEnter={() => setActive(i)}
            className={`flex cursor-pointer items-baseline justify-between gap-3 rounded px-2 py-1.5 ${i === current ? "bg-sky-100 dark:bg-sky-950" : ""}`}
          >
            <span className="truncate">{t.label}</span>
            <span className="shrink-0 text-xs text-slate-500">{t.kind}</span>
          </div>
        ))}
        {targets.length === 0 && <p className="px-2 py-1.5 text-slate-500">Nothing matches.</p>}
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Enter opens, arrows move, Escape closes. "/" jumps to the page's search.
      </p>
    </dialog>
  );
}
