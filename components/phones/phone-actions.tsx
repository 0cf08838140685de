"use client";
// What the helpdesk does where the phone is: restart or reset it on each source that can (a CME
// router; a cluster with AXL enabled), and on a router set or unset it as a key phone (SCCP ephones
// only) and reset the password of its phone user. Each asks first, says the source's answer in words
// and writes an audit row (the API does).
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { Badge } from "@/components/ui/badge";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { ChangeResult } from "@/components/key-phones/change-result";
import { useChangeKeyPhones } from "@/components/key-phones/use-key-phones";
import { useResetCmePassword } from "@/components/cme-users/use-cme-users";
import { phoneKeys } from "./keys";
import { useRestartPhone } from "./use-phones";
import type { PhoneDetail } from "./api";

type PhoneRecord = PhoneDetail["records"][number];

export interface PhoneActionRights {
  keyPhones: boolean;
  resetPassword: boolean;
  restart: boolean;
}

function KeyPhoneAction({ record }: { record: PhoneRecord }) {
  const [confirming, setConfirming] = useState(false);
  const change = useChangeKeyPhones(record.sourceId);
  const client = useQueryClient();
  const action = record.keyPhone ? "unset" : "set";
  const onConfirm = () =>
    change.mutate(
      { action, phones: [record.name] },
      {
        onSettled: () => {
          setConfirming(false);
          void client.invalidateQueries({ queryKey: phoneKeys.detail(record.name) });
        },
      },
    );
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="secondary"
        className="self-start"
        onClick={() => setConfirming(true)}
        disabled={change.isPending}
      >
        {action === "set" ? "Set as key phone" : "Unset as key phone"}
      </Button>
      {change.data && <ChangeResult change={change.data} />}
      {change.error && <Notice tone="error">{change.error.message}</Notice>}
      {confirming && (
        <ConfirmDialog
          title={action === "set" ? "Set as key phone?" : "Unset as key phone?"}
          busy={change.isPending}
          onConfirm={onConfirm}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {action === "set"
              ? `${record.name} on ${record.sourceName} becomes a key phone: it stays in service when the router's phones are limited.`
              : `${record.name} on ${record.sourceName} stops being a key phone.`}{" "}
            The router's running configuration changes at once; save the configuration on the Key phones page to keep it
            across a router restart.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function ResetPasswordAction({ record }: { record: PhoneRecord }) {
  const [confirming, setConfirming] = useState(false);
  const reset = useResetCmePassword(record.sourceId);
  const user = record.userName;
  const answer = reset.data;
  return (
    <div className="flex flex-col gap-2">
      <Button variant="danger" className="self-start" onClick={() => setConfirming(true)} disabled={reset.isPending}>
        Reset password of {user}
      </Button>
      {answer?.outcome === "success" && (
        <SecretReveal
          label={`New password for ${answer.userId}`}
          value={answer.password}
          groupBy={4}
          onDone={() => reset.reset()}
        />
      )}
      {answer && answer.outcome !== "success" && (
        <p role="status" className="text-sm">
          <Badge tone={answer.outcome === "failure" ? "bad" : "warn"}>
            {answer.outcome === "failure" ? "Not changed" : "Outcome unknown"}
          </Badge>{" "}
          {answer.message}
        </p>
      )}
      {reset.error && <Notice tone="error">{reset.error.message}</Notice>}
      {confirming && (
        <ConfirmDialog
          title="Reset password?"
          tone="danger"
          busy={reset.isPending}
          onConfirm={() => reset.mutate(user, { onSettled: () => setConfirming(false) })}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Give <strong>{user}</strong> on {record.sourceName} a new generated password. The old one stops working at
            once; the new one is shown only once.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

const restartWords = {
  restart: {
    button: "Restart phone",
    title: "Restart phone?",
    body: "re-reads its configuration and registers again, usually within a minute. A call in progress on it is dropped.",
  },
  reset: {
    button: "Reset phone",
    title: "Reset (reboot) phone?",
    body: "reboots: it is out of service for a few minutes while it starts, loads its configuration and registers again. A call in progress on it is dropped.",
  },
} as const;

function RestartAction({ record }: { record: PhoneRecord }) {
  const [confirming, setConfirming] = useState<"restart" | "reset" | null>(null);
  const restart = useRestartPhone(record.sourceId, record.name);
  const answer = restart.data;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex gap-2">
        {(["restart", "reset"] as const).map((kind) => (
          <Button
            key={kind}
            variant={kind === "reset" ? "danger" : "secondary"}
            onClick={() => setConfirming(kind)}
            disabled={restart.isPending}
          >
            {restartWords[kind].button}
          </Button>
        ))}
      </div>
      {answer && (
        <p role="status" className="text-sm">
          <Badge tone={answer.outcome === "success" ? "good" : answer.outcome === "failure" ? "bad" : "warn"}>
            {answer.outcome === "success" ? "Done" : answer.outcome === "failure" ? "Not done" : "Outcome unknown"}
          </Badge>{" "}
          {answer.message}
        </p>
      )}
      {restart.error && <Notice tone="error">{restart.error.message}</Notice>}
      {confirming && (
        <ConfirmDialog
          title={restartWords[confirming].title}
          tone={confirming === "reset" ? "danger" : undefined}
          busy={restart.isPending}
          onConfirm={() => restart.mutate(confirming, { onSettled: () => setConfirming(null) })}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {record.name} on {record.sourceName} {restartWords[confirming].body}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** The actions one record allows this user: restart where its source can (`restartable`), the rest on routers only. */
export function RecordActions({ record, rights }: { record: PhoneRecord; rights: PhoneActionRights }) {
  if (record.missing) return null;
  const cme = record.sourceKind === "cme";
  const restart = rights.restart && record.restartable;
  const keyPhone = cme && rights.keyPhones && record.keyPhone !== null;
  const password = cme && rights.resetPassword && Boolean(record.userName);
  if (!keyPhone && !password && !restart) return null;
  return (
    <fieldset className="mt-3 flex flex-wrap gap-4">
      <legend className="sr-only">Actions on {record.sourceName}</legend>
      {restart && <RestartAction record={record} />}
      {keyPhone && <KeyPhoneAction record={record} />}
      {password && <ResetPasswordAction record={record} />}
    </fieldset>
  );
}
