"use client";
// CME users: pick a router, find its phone users (from its phones) or type one, look a user up
// (type in words), reset their password after a confirmation. The generated password is shown
// once with a copy button, then forgotten.
import { useState } from "react";
import { useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RouterPicker, useSelectedRouter } from "@/components/cme-routers/router-picker";
import type { CmeRouter, CmeUserLookup } from "@/lib/domain/cme-actions";
import { useCmeUser, useResetCmePassword } from "./use-cme-users";
import { CmeUserList } from "./user-list";

export function CmeUsersPage({ routers }: { routers: CmeRouter[] }) {
  const selected = useSelectedRouter(routers);
  return (
    <div className="flex flex-col gap-4">
      <RouterPicker routers={routers} value={selected.id} />
      <CmeUserPanel key={selected.id} router={selected} />
    </div>
  );
}

function LookupResult({ user }: { user: CmeUserLookup }) {
  return (
    <p>
      <Badge tone={user.found ? "good" : "warn"}>{user.found ? user.typeLabel : "no such user"}</Badge>{" "}
      <span>{user.message}</span>
    </p>
  );
}

function CmeUserPanel({ router }: { router: CmeRouter }) {
  // A link from a phone's page names its user: looked up at once (one router request).
  const linked = useSearchParams().get("user")?.trim().slice(0, 64) || null;
  const [userId, setUserId] = useState(linked ?? "");
  const [lookedUp, setLookedUp] = useState<string | null>(linked);
  const [confirming, setConfirming] = useState<string | null>(null);
  const lookup = useCmeUser(router.id, lookedUp);
  const reset = useResetCmePassword(router.id);
  const typed = userId.trim();

  function onLookUp(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!typed) return;
    reset.reset();
    if (typed === lookedUp) void lookup.refetch();
    setLookedUp(typed);
  }

  function onConfirmReset(target: string) {
    reset.mutate(target, { onSettled: () => setConfirming(null) });
  }

  const answer = reset.data;
  const showLookup = !answer && lookedUp && lookup.data && lookup.data.userId === lookedUp;

  return (
    <section
      aria-labelledby="cme-user-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="cme-user-heading" className="font-medium">
        Phone users on {router.name}
      </h2>
      <form onSubmit={onLookUp} className="flex flex-wrap items-end gap-2">
        <div className="w-72">
          <TextField
            label="User ID"
            name="userId"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            hint="The CME user name, at most 19 characters"
            required
          />
        </div>
        <Button type="submit" variant="secondary" disabled={!typed || lookup.isFetching}>
          {lookup.isFetching ? "Looking up…" : "Look up"}
        </Button>
        <Button variant="danger" disabled={!typed || reset.isPending} onClick={() => setConfirming(typed)}>
          Reset password
        </Button>
      </form>

      {answer?.outcome === "success" ? (
        <SecretReveal
          label={`New password for ${answer.userId}`}
          value={answer.password}
          // Generated passwords are 16 characters, read off in fours to be keyed in on a phone.
          groupBy={4}
          onDone={() => reset.reset()}
        />
      ) : (
        <div role="status" aria-label="Result" className="text-sm">
          {answer && (
            <p>
              <Badge tone={answer.outcome === "failure" ? "bad" : "warn"}>
                {answer.outcome === "failure" ? "Not changed" : "Outcome unknown"}
              </Badge>{" "}
              <span>{answer.message}</span>
            </p>
          )}
          {showLookup && <LookupResult user={lookup.data!} />}
        </div>
      )}
      {lookup.error && !answer && <Notice tone="error">{lookup.error.message}</Notice>}
      {reset.error && <Notice tone="error">{reset.error.message}</Notice>}

      <CmeUserList
        sourceId={router.id}
        routerName={router.name}
        onPick={(picked, action) => {
          setUserId(picked);
          reset.reset();
          if (action === "reset") setConfirming(picked);
          else {
            if (picked === lookedUp) void lookup.refetch();
            setLookedUp(picked);
          }
        }}
      />

      {confirming && (
        <ConfirmDialog
          title="Reset password?"
          tone="danger"
          busy={reset.isPending}
          onConfirm={() => onConfirmReset(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            Give <strong>{confirming}</strong> on {router.name} a new generated password. The old one stops working at
            once; the new one is shown only once.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
