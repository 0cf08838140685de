"use client";
// Sources: the routers and clusters Linewatch polls, with health for everyone who sees inventory;
// admins add, edit, test, disable and delete, and read a cluster's configuration (AXL) now; helpdesk
// and admins poll a source now.
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { EmptyState } from "@/components/ui/empty-state";
import { ListPage } from "@/components/ui/list-page";
import type { ConnectionTestResult, PollSummary, Source } from "./api";
import { SourceForm } from "./source-form";
import { WorkersPanel } from "@/components/poller/workers-panel";
import { SourceTable } from "./source-table";
import { PollResultPanel, TestResultPanel } from "./test-result-panel";
import {
  useDeleteSource,
  usePollNow,
  useReadConfigured,
  useSources,
  useTestSource,
  useUpdateSource,
} from "./use-sources";

type FormState = { mode: "closed" } | { mode: "add" } | { mode: "edit"; source: Source };

export function SourcesPage({ canManage, canPoll }: { canManage: boolean; canPoll: boolean }) {
  const sources = useSources();
  const update = useUpdateSource();
  const remove = useDeleteSource();
  const test = useTestSource();
  const poll = usePollNow();
  const readConfigured = useReadConfigured();
  const [form, setForm] = useState<FormState>({ mode: "closed" });
  const [message, setMessage] = useState<string | null>(null);
  const [tested, setTested] = useState<{ name: string; result: ConnectionTestResult } | null>(null);
  const [polled, setPolled] = useState<{ name: string; summary: PollSummary } | null>(null);
  const [deleting, setDeleting] = useState<Source | null>(null);
  const busyId =
    (test.isPending && test.variables) ||
    (poll.isPending && poll.variables) ||
    (readConfigured.isPending && readConfigured.variables) ||
    null;
  const error = update.error ?? remove.error ?? test.error ?? poll.error ?? readConfigured.error;
  const items = sources.data?.items ?? [];
  const now = sources.dataUpdatedAt || Date.now();

  const clearPanels = () => {
    setMessage(null);
    setTested(null);
    setPolled(null);
  };

  const actions = {
    onTest: (s: Source) => {
      clearPanels();
      test.mutate(s.id, { onSuccess: (result) => setTested({ name: s.name, result }) });
    },
    onEdit: (s: Source) => {
      clearPanels();
      setForm({ mode: "edit", source: s });
    },
    onToggle: (s: Source) => {
      clearPanels();
      update.mutate(
        { id: s.id, change: { enabled: !s.enabled } },
        {
          onSuccess: () =>
            setMessage(
              s.enabled ? `${s.name} is disabled: it is not polled, its data stays.` : `${s.name} is enabled again.`,
            ),
        },
      );
    },
    onDelete: (s: Source) => {
      clearPanels();
      setDeleting(s);
    },
    onPoll: (s: Source) => {
      clearPanels();
      poll.mutate(s.id, { onSuccess: (summary) => setPolled({ name: s.name, summary }) });
    },
    onReadConfigured: (s: Source) => {
      clearPanels();
      // The poll that ran for it says how it went; the table shows the configured count and any error.
      readConfigured.mutate(s.id, { onSuccess: (result) => setPolled({ name: s.name, summary: result.poll }) });
    },
  };

  return (
    <div className="flex flex-col gap-4">
      {canManage && form.mode === "closed" && (
        <div>
          <Button
            onClick={() => {
              clearPanels();
              setForm({ mode: "add" });
            }}
          >
            Add source
          </Button>
        </div>
      )}
      {form.mode !== "closed" && (
        <SourceForm
          key={form.mode === "edit" ? form.source.id : "add"}
          editing={form.mode === "edit" ? form.source : null}
          onSaved={(text) => {
            const demoGone = form.mode === "add" && items.some((s) => s.demo);
            setForm({ mode: "closed" });
            setMessage(demoGone ? `${text} The demo sources and their data were removed.` : text);
          }}
          onCancel={() => setForm({ mode: "closed" })}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          tone="danger"
          confirmLabel={`Delete ${deleting.name} permanently`}
          busy={remove.isPending}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                setMessage(`Deleted ${deleting.name} and its data.`);
                setDeleting(null);
              },
            })
          }
          onCancel={() => setDeleting(null)}
        >
          <p>
            Its phones, extensions, history and polls are removed with it. This cannot be undone; to stop polling but
            keep the data, disable it instead.
          </p>
        </ConfirmDialog>
      )}
      {items.some((s) => s.demo) && (
        <Notice>
          The demo sources are served by simulators built into Linewatch. Adding your first real router or cluster
          removes them and their data.
        </Notice>
      )}
      {message && <Notice tone="success">{message}</Notice>}
      {error && <Notice tone="error">{error.message}</Notice>}
      {tested && <TestResultPanel title={tested.name} result={tested.result} onClose={() => setTested(null)} />}
      {polled && <PollResultPanel name={polled.name} summary={polled.summary} onClose={() => setPolled(null)} />}
      <ListPage gap="gap-4" error={sources.error} loading={sources.isPending && "Loading sources…"}>
        {sources.data && items.length === 0 && (
          <EmptyState title="No sources yet">
            <p>
              {canManage
                ? "Add a CME/SRST router or a Unified CM cluster to start polling."
                : "An administrator adds the routers and clusters Linewatch polls."}
            </p>
          </EmptyState>
        )}
        {items.length > 0 && (
          <SourceTable
            sources={items}
            canManage={canManage}
            canPoll={canPoll}
            busyId={busyId}
            actions={actions}
            now={now}
          />
        )}
      </ListPage>
      <WorkersPanel />
    </div>
  );
}
