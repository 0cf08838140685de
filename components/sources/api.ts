// Typed fetchers for sources, with types from the API contracts and the shared source schema.
import type { z } from "zod";
import { apiFetch, queryString } from "@/components/api-client";
import type { sourceSchema } from "@/lib/api/contracts/sources";
import type { pollSummarySchema } from "@/lib/api/contracts/polls";
import type { readConfiguredNow } from "@/lib/api/contracts/configured";
import type { SourceInput, SourceKind, SourceUpdate } from "@/lib/domain/source";
import type { ConnectionTestResult } from "@/lib/domain/source-test-result";

export type Source = z.infer<typeof sourceSchema>;
export type { ConnectionTestResult };

export interface SourceFilters {
  kind?: SourceKind;
}

/** Unsaved form values for a test; without a password the edited source's stored one is used. */
export type SourceTestBody = Omit<SourceInput, "password"> & { password?: string; sourceId?: string };

/** What POST /sources/{id}/poll answers (the poller's route). */
export type PollSummary = z.infer<typeof pollSummarySchema>;
/** What POST /sources/{id}/configured/read answers: when it was asked for, and the poll that ran. */
export type ConfiguredReadResult = z.infer<typeof readConfiguredNow.response>;

const one = (id: string) => `/sources/${encodeURIComponent(id)}`;

export const sourcesApi = {
  list: (f: SourceFilters) => apiFetch<{ items: Source[] }>(`/sources${queryString({ kind: f.kind })}`),
  create: (body: SourceInput) => apiFetch<{ source: Source }>("/sources", { method: "POST", body }),
  update: (id: string, body: SourceUpdate) => apiFetch<{ source: Source }>(one(id), { method: "PATCH", body }),
  remove: (id: string) => apiFetch<{ ok: true; name: string }>(one(id), { method: "DELETE" }),
  test: (id: string) => apiFetch<ConnectionTestResult>(`${one(id)}/test`, { method: "POST" }),
  testSettings: (body: SourceTestBody) => apiFetch<ConnectionTestResult>("/sources/test", { method: "POST", body }),
  pollNow: (id: string) => apiFetch<PollSummary>(`${one(id)}/poll`, { method: "POST" }),
  readConfigured: (id: string) => apiFetch<ConfiguredReadResult>(`${one(id)}/configured/read`, { method: "POST" }),
};
