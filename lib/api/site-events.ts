// Site-outage hints as people read them: "Branch Leeds: 38 of 41 phones left registration at
// 10:02; 35 now in fallback on leeds-srst", with the duration once it ends.
import type { z } from "zod";
import type { siteEventSchema } from "@/lib/api/contracts/inventory";
import type { SiteEventRow } from "@/lib/db/site-events";
import { parseJsonArray } from "@/lib/domain/json";

type SiteEvent = z.input<typeof siteEventSchema>;
type Router = SiteEvent["fallbackRouters"][number];

const time = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
const phones = (n: number) => `${n} phone${n === 1 ? "" : "s"}`;

function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

function routersText(routers: readonly Router[]): string {
  return routers.map((r) => (routers.length === 1 ? r.name : `${r.name} (${r.count})`)).join(", ");
}

export function siteEventSummary(e: Omit<SiteEvent, "summary">): string {
  const start = new Date(e.startedAt);
  const head = `Site ${e.site || "(none)"}: ${e.peakOut} of ${phones(e.phones)} left registration at ${time(start)}`;
  if (e.endedAt) {
    const fallback = e.peakInFallback > 0 ? `; up to ${e.peakInFallback} were in fallback` : "";
    return `${head}${fallback}; recovered at ${time(new Date(e.endedAt))} after ${minutesText(e.durationMinutes)}.`;
  }
  const fallback =
    e.inFallback > 0
      ? `; ${e.inFallback} now in fallback on ${routersText(e.fallbackRouters)}`
      : "; none in fallback yet";
  return `${head}${fallback}; ${e.out} still out.`;
}

const isRouter = (v: unknown): v is Router =>
  !!v && typeof v === "object" && typeof (v as Router).name === "string" && typeof (v as Router).count === "number";

export function toSiteEvent(row: SiteEventRow, now: Date): SiteEvent {
  const end = row.endedAt ?? now;
  const base = {
    id: row.id,
    site: row.site,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationMinutes: Math.max(0, Math.round((end.getTime() - row.startedAt.getTime()) / 60_000)),
    phones: row.phones,
    peakOut: row.peakOut,
    out: row.out,
    inFallback: row.inFallback,
    peakInFallback: row.peakInFallback,
    fallbackRouters: parseJsonArray(row.fallbackRouters)
      .filter(isRouter)
      .map((r) => ({ sourceId: String(r.sourceId ?? ""), name: r.name, count: r.count })),
  };
  return { ...base, summary: siteEventSummary(base) };
}
