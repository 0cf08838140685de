"use client";
// Notification channels for admins: delivery health (last error, failures in a row, waiting in
// the outbox), "Send test", and a form per kind. Secrets are write-only: never shown again.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField, TextField } from "@/components/ui/field";
import { formatTime } from "@/components/ui/format";
import type { Channel, ChannelInput } from "./api";
import { useAddChannel, useChannels, useRemoveChannel, useTestChannel } from "./use-alerts";

function target(c: Channel): string {
  const cfg = c.config as { host?: string; port?: number; to?: string[]; target?: string; transport?: string };
  if (c.kind === "email") return `${cfg.host}:${cfg.port} → ${(cfg.to ?? []).join(", ")}`;
  if (c.kind === "syslog") return `${cfg.transport} ${cfg.host}:${cfg.port}`;
  return cfg.target ?? "";
}

export function ChannelsAdmin() {
  const channels = useChannels(true);
  const test = useTestChannel();
  const remove = useRemoveChannel();
  return (
    <section aria-labelledby="channels-heading" className="flex flex-col gap-3">
      <h2 id="channels-heading" className="font-medium">
        Channels
      </h2>
      {channels.error && <Notice tone="error">{channels.error.message}</Notice>}
      {test.isSuccess && (
        <Notice tone="success">Test message queued; the channel's health shows when it went out.</Notice>
      )}
      {(test.error ?? remove.error) && <Notice tone="error">{(test.error ?? remove.error)!.message}</Notice>}
      {channels.data && channels.data.items.length === 0 && (
        <p className="text-sm text-slate-500">No channel yet: alerts are recorded but nobody is told.</p>
      )}
      {channels.data && channels.data.items.length > 0 && (
        <table>
          <caption className="sr-only">Notification channels</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th scope="col" className="py-2 pr-3">
                Channel
              </th>
              <th scope="col" className="pr-3">
                Kind
              </th>
              <th scope="col" className="pr-3">
                Target
              </th>
              <th scope="col" className="pr-3">
                Health
              </th>
              <th scope="col" className="pr-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {channels.data.items.map((c) => (
              <tr key={c.id} className="border-b border-slate-100 align-top text-sm dark:border-slate-800/60">
                <th scope="row" className="py-2 pr-3 font-normal">
                  {c.name} {!c.enabled && <Badge>Off</Badge>}
                </th>
                <td className="pr-3">{c.kind}</td>
                <td className="pr-3">{target(c)}</td>
                <td className="pr-3">
                  {c.health.consecutiveFailures > 0 ? (
                    <Badge tone="bad">{c.health.consecutiveFailures} failed in a row</Badge>
                  ) : c.health.lastSuccessAt ? (
                    <Badge tone="good">OK</Badge>
                  ) : (
                    <Badge>Not used yet</Badge>
                  )}
                  {c.health.pending > 0 && <span className="ml-1 text-xs">{c.health.pending} waiting</span>}
                  {c.health.lastError && <p className="text-xs text-red-700 dark:text-red-300">{c.health.lastError}</p>}
                  {c.health.lastSuccessAt && (
                    <p className="text-xs text-slate-500">Last sent {formatTime(c.health.lastSuccessAt)}</p>
                  )}
                </td>
                <td className="pr-3">
                  <div className="flex gap-1">
                    <Button
                      variant="secondary"
                      disabled={test.isPending}
                      onClick={() => test.mutate(c.id)}
                      aria-label={`Send test to ${c.name}`}
                    >
                      Send test
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(c.id)}
                      aria-label={`Remove ${c.name}`}
                    >
                      Remove
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewChannelForm />
    </section>
  );
}

const list = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

function NewChannelForm() {
  const add = useAddChannel();
  const [kind, setKind] = useState<ChannelInput["kind"]>("email");
  const [f, setF] = useState({
    name: "",
    host: "",
    port: "587",
    security: "starttls",
    username: "",
    password: "",
    from: "",
    to: "",
    url: "",
    hmacSecret: "",
    transport: "udp",
  });
  const set = (key: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });
  const body = (): ChannelInput => {
    if (kind === "email")
      return {
        kind,
        name: f.name,
        email: {
          host: f.host,
          port: Number(f.port),
          security: f.security as "starttls",
          username: f.username,
          from: f.from,
          to: list(f.to),
        },
        ...(f.password ? { password: f.password } : {}),
      };
    if (kind === "syslog")
      return { kind, name: f.name, syslog: { host: f.host, port: Number(f.port), transport: f.transport as "udp" } };
    if (kind === "webhook")
      return { kind, name: f.name, url: f.url, ...(f.hmacSecret ? { hmacSecret: f.hmacSecret } : {}) };
    return { kind, name: f.name, url: f.url };
  };
  return (
    <form
      aria-label="New channel"
      className="grid gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-3 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(body(), { onSuccess: () => setF({ ...f, name: "", password: "", hmacSecret: "", url: "" }) });
      }}
    >
      <h3 className="sm:col-span-3 text-sm font-medium">New channel</h3>
      <TextField label="Channel name" required value={f.name} onChange={set("name")} />
      <SelectField
        label="Channel kind"
        value={kind}
        onChange={(e) => {
          const next = e.target.value as ChannelInput["kind"];
          setKind(next);
          setF({ ...f, port: next === "syslog" ? "514" : "587" });
        }}
        options={[
          { value: "email", label: "Email (SMTP)" },
          { value: "webhook", label: "Webhook (JSON, signed)" },
          { value: "slack", label: "Slack" },
          { value: "teams", label: "Microsoft Teams" },
          { value: "syslog", label: "Syslog (RFC 5424)" },
        ]}
      />
      {(kind === "email" || kind === "syslog") && (
        <>
          <TextField
            label={kind === "email" ? "SMTP host" : "Syslog host"}
            required
            value={f.host}
            onChange={set("host")}
          />
          <TextField label="Port" type="number" required value={f.port} onChange={set("port")} />
        </>
      )}
      {kind === "email" && (
        <>
          <SelectField
            label="Security"
            value={f.security}
            onChange={set("security")}
            options={[
              { value: "starttls", label: "STARTTLS (required)" },
              { value: "tls", label: "TLS (port 465)" },
              { value: "none", label: "None (test servers only)" },
            ]}
          />
          <TextField label="SMTP user name" value={f.username} onChange={set("username")} autoComplete="off" />
          <TextField
            label="SMTP password"
            type="password"
            value={f.password}
            onChange={set("password")}
            autoComplete="new-password"
          />
          <TextField label="From" type="email" required value={f.from} onChange={set("from")} />
          <TextField
            label="To"
            required
            value={f.to}
            onChange={set("to")}
            hint="One or more addresses, separated by commas"
          />
        </>
      )}
      {kind === "syslog" && (
        <SelectField
          label="Transport"
          value={f.transport}
          onChange={set("transport")}
          options={[
            { value: "udp", label: "UDP" },
            { value: "tcp", label: "TCP" },
          ]}
        />
      )}
      {(kind === "webhook" || kind === "slack" || kind === "teams") && (
        <TextField label="Webhook URL" type="url" required value={f.url} onChange={set("url")} autoComplete="off" />
      )}
      {kind === "webhook" && (
        <TextField
          label="Signing secret"
          type="password"
          value={f.hmacSecret}
          onChange={set("hmacSecret")}
          hint="At least 16 characters; signs X-Linewatch-Signature"
          autoComplete="new-password"
        />
      )}
      <div className="sm:col-span-3 flex items-center gap-2">
        <Button type="submit" disabled={add.isPending || !f.name.trim()}>
          Add channel
        </Button>
        {add.error && <Notice tone="error">{add.error.message}</Notice>}
      </div>
    </form>
  );
}
