// Sources: the routers and clusters Linewatch polls. The sealed password never leaves this
// module; `sourceConnection` opens it only for the pollers and Cisco clients.
import { randomUUID } from "node:crypto";
import { db } from "./client";
import { recordAudit, type Actor } from "./audit";
import { conflict, notFound } from "@/lib/errors";
import { open, seal } from "@/lib/sources/secret-box";
import { clusterDefaults, defaultPollIntervalS, sourceInputSchema, type SourceInput, type SourceKind, type TlsSetting } from "@/lib/sources/schema";

const sourceSelect = {
  id: true, name: true, kind: true, site: true, urls: true, username: true, tlsMode: true, tlsCaPem: true, pollIntervalS: true, timeoutMs: true,
  budgetPerMinute: true, budgetReserve: true, replyCap: true, enabled: true, demo: true, settingsVersion: true, createdAt: true, updatedAt: true,
} as const;

type SourceRow = { id: string; name: string; kind: string; site: string; urls: string; username: string; tlsMode: string; tlsCaPem: string | null; pollIntervalS: number; timeoutMs: number; budgetPerMinute: number | null; budgetReserve: number | null; replyCap: number | null; enabled: boolean; demo: boolean; settingsVersion: number; createdAt: Date; updatedAt: Date };

/** A source as pages and the API see it: everything but the password. */
export interface SourceRecord {
  id: string;
  name: string;
  kind: SourceKind;
  site: string;
  urls: string[];
  username: string;
  tls: TlsSetting;
  pollIntervalS: number;
  timeoutMs: number;
  budgetPerMinute: number | null;
  budgetReserve: number | null;
  replyCap: number | null;
  enabled: boolean;
  demo: boolean;
  settingsVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toSourceRecord(row: SourceRow): SourceRecord {
  const tls: TlsSetting = row.tlsMode === "pem" && row.tlsCaPem ? { mode: "pem", pem: row.tlsCaPem } : row.tlsMode === "insecure" ? { mode: "insecure" } : { mode: "system" };
  const { tlsMode: _m, tlsCaPem: _p, ...rest } = row;
  return { ...rest, kind: row.kind as SourceKind, urls: JSON.parse(row.urls) as string[], tls };
}

/** What a poller or client needs to talk to the source, password opened. */
export interface SourceConnection extends SourceRecord {
  password: string;
  budgetPerMinute: number | null;
}

export async function createSource(input: SourceInput, who: Actor, options: { demo?: boolean } = {}): Promise<SourceRecord> {
  const valid = sourceInputSchema.parse(input);
  const id = randomUUID();
  const isCluster = valid.kind === "cucm";
  if (await db().source.findUnique({ where: { name: valid.name }, select: { id: true } })) throw conflict(`A source named ${valid.name} already exists.`);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.source.create({
      data: {
        id,
        name: valid.name,
        kind: valid.kind,
        site: valid.site,
        urls: JSON.stringify(valid.kind === "cme" ? valid.urls.slice(0, 1) : valid.urls),
        username: valid.username,
        passwordCipher: seal(valid.password, id),
        tlsMode: valid.tls.mode,
        tlsCaPem: valid.tls.mode === "pem" ? valid.tls.pem : null,
        pollIntervalS: valid.pollIntervalS ?? defaultPollIntervalS[valid.kind],
        timeoutMs: valid.timeoutMs,
        budgetPerMinute: isCluster ? (valid.budgetPerMinute ?? clusterDefaults.budgetPerMinute) : null,
        budgetReserve: isCluster ? (valid.budgetReserve ?? clusterDefaults.budgetReserve) : null,
        replyCap: isCluster ? (valid.replyCap ?? clusterDefaults.replyCap) : null,
        enabled: valid.enabled,
        demo: options.demo ?? false,
        health: { create: {} },
      },
      select: sourceSelect,
    });
    await recordAudit(tx, who, { action: "source.create", target: valid.name, detail: { kind: valid.kind, site: valid.site, urls: valid.urls, demo: options.demo ?? false }, outcome: "success" });
    return created;
  });
  return toSourceRecord(row);
}

export async function listSources(filter: { enabled?: boolean; demo?: boolean } = {}): Promise<SourceRecord[]> {
  const rows = await db().source.findMany({ where: filter, select: sourceSelect, orderBy: { name: "asc" } });
  return rows.map(toSourceRecord);
}

export async function getSource(id: string): Promise<SourceRecord | null> {
  const row = await db().source.findUnique({ where: { id }, select: sourceSelect });
  return row ? toSourceRecord(row) : null;
}

export async function findSourceByName(name: string): Promise<SourceRecord | null> {
  const row = await db().source.findUnique({ where: { name }, select: sourceSelect });
  return row ? toSourceRecord(row) : null;
}

export async function sourceConnection(id: string): Promise<SourceConnection> {
  const row = await db().source.findUnique({ where: { id }, select: { ...sourceSelect, passwordCipher: true } });
  if (!row) throw notFound("The source");
  const { passwordCipher, ...rest } = row;
  return { ...toSourceRecord(rest), password: open(passwordCipher, id) };
}
