"use client";
// The Alerts page: open alerts first, then history (paged), silences, and for admins the rules
// and channels. The list state lives in the URL (?history=2) so a link can be shared.
import { useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ListPage } from "@/components/ui/list-page";
import type { Alert } from "./api";
import { AlertTable } from "./alert-table";
import { ChannelsAdmin } from "./channels-admin";
import { MarksAdmin } from "./marks";
import { RulesAdmin } from "./rules-admin";
import { SilenceForm, SilenceList, type SilenceDraft } from "./silences";
import { useAlerts, useRules } from "./use-alerts";

export function AlertsPage({ canAcknowledge, canManage }: { canAcknowledge: boolean; canManage: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const historyPage = Math.max(1, Number(params.get("history") ?? "1") || 1);
  const open = useAlerts({ state: "open", page: 1 });
  const history = useAlerts({ state: "resolved", page: historyPage });
  const rules = useRules();
  const [draft, setDraft] = useState<SilenceDraft>({});
  const silence = (a: Alert) => setDraft({ ruleId: a.rule.id, site: a.site || undefined, subject: a.subject });
  const pages = history.data ? Math.max(1, Math.ceil(history.data.total / 50)) : 1;

  return (
    <div className="flex flex-col gap-8">
      <ListPage
        heading="Open alerts"
        headingId="open-alerts-heading"
        gap="gap-2"
        error={open.error}
        empty={open.data && open.data.items.length === 0 && "Nothing is alerting."}
      >
        {open.data && open.data.items.length > 0 && (
          <AlertTable
            items={open.data.items}
            caption="Open alerts, newest first"
            canAcknowledge={canAcknowledge}
            onSilence={silence}
          />
        )}
      </ListPage>

      <ListPage
        heading="History"
        headingId="history-heading"
        gap="gap-2"
        error={history.error}
        empty={history.data && history.data.items.length === 0 && "No resolved alerts yet."}
        pager={
          pages > 1 && (
            <nav aria-label="History pages" className="flex items-center gap-2 text-sm">
              <Button
                variant="secondary"
                disabled={historyPage <= 1}
                onClick={() => router.replace(`?history=${historyPage - 1}`)}
              >
                Newer
              </Button>
              <span>
                Page {historyPage} of {pages}
              </span>
              <Button
                variant="secondary"
                disabled={historyPage >= pages}
                onClick={() => router.replace(`?history=${historyPage + 1}`)}
              >
                Older
              </Button>
            </nav>
          )
        }
      >
        {history.data && history.data.items.length > 0 && (
          <AlertTable items={history.data.items} caption="Resolved alerts, newest first" canAcknowledge={false} />
        )}
      </ListPage>

      <section aria-labelledby="silences-heading" className="flex flex-col gap-3">
        <h2 id="silences-heading" className="font-medium">
          Silences
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          During a silence, matching alerts are recorded but nobody is notified (a maintenance window).
        </p>
        {canAcknowledge && <SilenceForm draft={draft} rules={rules.data?.items ?? []} />}
        <SilenceList canEnd={canAcknowledge} rules={rules.data?.items ?? []} />
      </section>

      <RulesAdmin canManage={canManage} />
      <MarksAdmin canManage={canManage} />
      {canManage && <ChannelsAdmin />}
    </div>
  );
}
