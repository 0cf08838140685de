"use client";
// Key phones: pick a CME router (kept in the URL), select phones, set or unset their key-phone
// flag after a confirmation, see the router's answer per phone, and save the configuration.
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ListPage } from "@/components/ui/list-page";
import type {
  CmeRouter,
  CmeRouterChoice,
  KeyPhoneAction,
  KeyPhoneChange,
  SaveConfigResult,
} from "@/lib/domain/cme-actions";
import { ChangeResult, SaveResult } from "./change-result";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { KeyPhoneTable } from "./key-phone-table";
import { RouterPicker, useSelectedRouter } from "@/components/cme-routers/router-picker";
import { useChangeKeyPhones, useKeyPhones, useSaveConfig } from "./use-key-phones";

export function KeyPhonesPage({ routers }: { routers: CmeRouterChoice[] }) {
  // Without a router in the URL, one that has key phones: an SRST branch router listed first by
  // name has none in normal times, and opening on it reads as "nothing here".
  const selected = useSelectedRouter(routers, (r) => r.keyPhones > 0);
  return (
    <div className="flex flex-col gap-4">
      <RouterPicker routers={routers} value={selected.id} />
      <KeyPhonePanel key={selected.id} router={selected} />
    </div>
  );
}

type Result = { kind: "change"; change: KeyPhoneChange } | { kind: "save"; save: SaveConfigResult };

function KeyPhonePanel({ router }: { router: CmeRouter }) {
  const list = useKeyPhones(router.id);
  const change = useChangeKeyPhones(router.id);
  const save = useSaveConfig(router.id);
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A key-phone change or saving the configuration: every write asks first.
  const [confirming, setConfirming] = useState<KeyPhoneAction | "save" | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const phones = useMemo(() => {
    const all = list.data?.phones ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return all;
    return all.filter((p) => [p.name, p.userName, p.primaryDn, p.model].some((v) => v.toLowerCase().includes(needle)));
  }, [list.data, filter]);
  const chosen = (list.data?.phones ?? []).map((p) => p.name).filter((name) => selected.has(name));
  const busy = change.isPending || save.isPending;
  const error = change.error ?? save.error;

  const toggle = (name: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const toggleAll = (select: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const p of phones) {
        if (select) next.add(p.name);
        else next.delete(p.name);
      }
      return next;
    });

  function confirm(action: KeyPhoneAction) {
    change.mutate(
      { action, phones: chosen },
      {
        onSuccess: (answer) => {
          setResult({ kind: "change", change: answer });
          setSelected(new Set());
        },
        onSettled: () => setConfirming(null),
      },
    );
  }

  return (
    <section aria-labelledby="key-phone-list-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="key-phone-list-heading" className="font-medium">
            Phones on {router.name}
          </h2>
          {list.data && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {list.data.origin === "inventory"
                ? "From Linewatch's stored inventory."
                : "Read live from the router: Linewatch has not stored its phones yet."}{" "}
              Only SCCP phones can be key phones.
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600 dark:text-slate-400">{chosen.length} selected</span>
          <Button onClick={() => setConfirming("set")} disabled={busy || chosen.length === 0}>
            Set key phone
          </Button>
          <Button variant="secondary" onClick={() => setConfirming("unset")} disabled={busy || chosen.length === 0}>
            Unset key phone
          </Button>
          <Button variant="secondary" onClick={() => setConfirming("save")} disabled={busy}>
            {save.isPending ? "Saving…" : "Save configuration"}
          </Button>
        </div>
      </div>

      <div
        role="status"
        aria-label="Result"
        className={
          result
            ? "rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
            : ""
        }
      >
        {result?.kind === "change" && <ChangeResult change={result.change} />}
        {result?.kind === "save" && <SaveResult save={result.save} />}
      </div>
      {error && <Notice tone="error">{error.message}</Notice>}

      <ListPage
        filters={
          <div className="max-w-sm">
            <TextField
              label="Filter phones"
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              hint="Phone name, user, number or model"
            />
          </div>
        }
        error={list.error}
        loading={list.isPending && "Loading phones…"}
        empty={list.data && list.data.phones.length === 0 && "This router reports no SCCP phones."}
      >
        {list.data && list.data.phones.length > 0 && (
          <KeyPhoneTable
            phones={phones}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
            disabled={busy}
          />
        )}
      </ListPage>

      {confirming === "save" && (
        <ConfirmDialog
          title="Save configuration?"
          busy={save.isPending}
          onConfirm={() =>
            save.mutate(undefined, {
              onSuccess: (answer) => setResult({ kind: "save", save: answer }),
              onSettled: () => setConfirming(null),
            })
          }
          onCancel={() => setConfirming(null)}
        >
          <p>
            Write {router.name}&apos;s running configuration to its startup configuration (NVRAM), as{" "}
            <code>write memory</code> does. Changes not saved are lost when the router restarts; saving also keeps any
            change someone else made on the router since the last save.
          </p>
        </ConfirmDialog>
      )}
      {(confirming === "set" || confirming === "unset") && (
        <ConfirmDialog
          title={confirming === "set" ? "Set key phone?" : "Unset key phone?"}
          busy={change.isPending}
          onConfirm={() => confirm(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming === "set" ? "Set" : "Unset"}{" "}
            {chosen.length === 1 ? "this phone" : `these ${chosen.length} phones`} as{" "}
            {chosen.length === 1 ? "a key phone" : "key phones"} on {router.name}:
          </p>
          <ul className="mt-2 max-h-40 overflow-auto font-mono text-xs">
            {chosen.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          <p className="mt-2">The router changes at once. Saving to NVRAM is a separate step (Save configuration).</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
