"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import { auditKeys } from "@/components/audit/keys";
import { sourcesApi, type SourceFilters } from "./api";
import { sourceKeys } from "./keys";
import type { SourceUpdate } from "@/lib/domain/source";

/** Health changes with every poll, so the list is a live view. */
export function useSources(filters: SourceFilters = {}) {
  return useQuery({
    queryKey: sourceKeys.list(filters),
    queryFn: () => sourcesApi.list(filters),
    refetchInterval: LIVE_REFRESH_MS,
  });
}

/** Source changes write audit rows; the source list and the audit trail refresh. */
function useInvalidateSources() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: sourceKeys.all }),
      client.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

/** Adding (which may remove the demo) or deleting a source changes every inventory view. */
function useInvalidateEverything() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}

export function useCreateSource() {
  const invalidate = useInvalidateEverything();
  return useMutation({ mutationFn: sourcesApi.create, onSuccess: invalidate });
}

export function useUpdateSource() {
  const invalidate = useInvalidateSources();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: SourceUpdate }) => sourcesApi.update(id, change),
    onSuccess: invalidate,
  });
}

export function useDeleteSource() {
  const invalidate = useInvalidateEverything();
  return useMutation({ mutationFn: sourcesApi.remove, onSuccess: invalidate });
}

export function useTestSource() {
  const invalidate = useInvalidateSources();
  return useMutation({ mutationFn: sourcesApi.test, onSettled: invalidate });
}

export function useTestSourceSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sourcesApi.testSettings,
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}

export function usePollNow() {
  const invalidate = useInvalidateEverything();
  return useMutation({ mutationFn: sourcesApi.pollNow, onSettled: invalidate });
}

/** A configured read polls the cluster too: phones may change status (never registered, not seen). */
export function useReadConfigured() {
  const invalidate = useInvalidateEverything();
  return useMutation({ mutationFn: sourcesApi.readConfigured, onSettled: invalidate });
}
