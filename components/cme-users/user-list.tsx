"use client";
// A router's phone users as its phones name them, searchable, each with their phones and their
// state: the helpdesk picks the person here instead of typing an exact user id.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SearchBox } from "@/components/ui/table-kit";
import { RegistrationBadge } from "@/components/phones/status-badge";
import { useCmeUserList } from "./use-cme-users";

export function CmeUserList({
  sourceId,
  routerName,
  onPick,
}: {
  sourceId: string;
  routerName: string;
  onPick: (userId: string, action: "look-up" | "reset") => void;
}) {
  const [q, setQ] = useState("");
  const list = useCmeUserList(sourceId, q);
  return (
    <section aria-labelledby="user-list-heading" className="flex flex-col gap-2">
      <h3 id="user-list-heading" className="text-sm font-medium">
        Users on {routerName}
      </h3>
      <div className="w-72">
        <SearchBox label="Search users" value={q} onSearch={setQ} placeholder="User name…" />
      </div>
      {list.error && <Notice tone="error">{list.error.message}</Notice>}
      {list.data && list.data.users.length === 0 && (
        <p className="text-sm text-slate-500">
          {q ? `No user name on ${routerName}'s phones contains “${q}”.` : `No phone on ${routerName} names a user.`}
        </p>
      )}
      {list.data && list.data.users.length > 0 && (
        <div className="max-h-96 overflow-y-auto">
          <table className="w-full table-fixed text-sm">
            <caption className="sr-only">Phone users on {routerName} and their phones</caption>
            <colgroup>
              <col className="w-[25%]" />
              <col />
              <col className="w-56" />
            </colgroup>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-1">
                  User
                </th>
                <th scope="col" className="py-1">
                  Phones
                </th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.users.map((u) => (
                <tr key={u.userId} className="border-b border-slate-100 align-top dark:border-slate-800/60">
                  <td className="truncate py-1.5 font-mono text-xs" title={u.userId}>
                    {u.userId}
                  </td>
                  <td className="py-1.5">
                    <ul className="flex flex-col gap-0.5">
                      {u.phones.map((p) => (
                        <li key={p.name} className="flex flex-wrap items-center gap-2">
                          <Link
                            href={`/phones/${encodeURIComponent(p.name)}`}
                            className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                          >
                            {p.name}
                          </Link>
                          <RegistrationBadge status={p.registrationStatus} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="py-1.5 text-right">
                    <div className="flex justify-end gap-1">
                      <Button
                        variant="secondary"
                        aria-label={`Look up ${u.userId}`}
                        onClick={() => onPick(u.userId, "look-up")}
                      >
                        Look up
                      </Button>
                      <Button
                        variant="danger"
                        aria-label={`Reset password of ${u.userId}`}
                        onClick={() => onPick(u.userId, "reset")}
                      >
                        Reset password
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.truncated && <p className="text-xs text-slate-500">More phones match: narrow the search.</p>}
        </div>
      )}
    </section>
  );
}
