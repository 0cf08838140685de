"use client";
// "Look up a list": MACs, names, numbers or addresses pasted from a ticket, each with the phones
// it matches and their state now; what nothing matched is listed apart.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RegistrationBadge } from "./status-badge";
import { useLookupPhones } from "./use-phones";

const kindWords = { mac: "MAC", ip: "IP address", dn: "number", name: "name" } as const;

export function LookupPanel() {
  const [text, setText] = useState("");
  const lookup = useLookupPhones();
  const data = lookup.data;
  return (
    <details className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
      <summary className="cursor-pointer font-medium">Look up a list</summary>
      <form
        className="mt-2 flex flex-col gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) lookup.mutate(text);
        }}
      >
        <label htmlFor="lookup-list" className="text-sm">
          MACs (any notation), device names, numbers or IP addresses, one per line or separated by commas
        </label>
        <textarea
          id="lookup-list"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          maxLength={50_000}
          spellCheck={false}
          className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
        />
        <Button type="submit" variant="secondary" className="self-start" disabled={!text.trim() || lookup.isPending}>
          {lookup.isPending ? "Looking up…" : "Look up"}
        </Button>
      </form>
      {lookup.error && <Notice tone="error">{lookup.error.message}</Notice>}
      {data && (
        <div className="mt-3 flex flex-col gap-2">
          {data.notFound.length > 0 && (
            <p role="status">
              <span className="font-medium">Not found ({data.notFound.length}):</span>{" "}
              <span className="font-mono text-xs">{data.notFound.join(", ")}</span>
            </p>
          )}
          <table>
            <caption className="sr-only">What each item of the list matched</caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-1 pr-3">
                  Item
                </th>
                <th scope="col" className="py-1 pr-3">
                  Phone
                </th>
                <th scope="col" className="py-1 pr-3">
                  Status now
                </th>
                <th scope="col" className="py-1">
                  Site · source
                </th>
              </tr>
            </thead>
            <tbody>
              {data.results.flatMap((r) =>
                r.phones.length === 0
                  ? [
                      <tr key={r.query} className="border-b border-slate-100 dark:border-slate-800/60">
                        <td className="py-1 pr-3 font-mono text-xs">{r.query}</td>
                        <td colSpan={3} className="py-1 text-slate-500">
                          No phone has this {kindWords[r.kind]}
                        </td>
                      </tr>,
                    ]
                  : r.phones.map((p, i) => (
                      <tr key={`${r.query}-${p.id}`} className="border-b border-slate-100 dark:border-slate-800/60">
                        <td className="py-1 pr-3 font-mono text-xs">{i === 0 ? r.query : ""}</td>
                        <td className="py-1 pr-3">
                          <Link
                            href={`/phones/${encodeURIComponent(p.name)}`}
                            className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                          >
                            {p.name}
                          </Link>
                        </td>
                        <td className="py-1 pr-3">
                          <RegistrationBadge status={p.effectiveStatus} router={p.fallbackRouter} />
                          {p.statusReason && p.effectiveStatus !== "registered" && (
                            <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">{p.statusReason}</span>
                          )}
                        </td>
                        <td className="py-1">{[p.site, p.sourceName].filter(Boolean).join(" · ")}</td>
                      </tr>
                    )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
