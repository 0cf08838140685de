"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/components/audit/keys";
import type { KeyPhoneAction } from "@/lib/domain/cme-actions";
import { keyPhonesApi } from "./api";
import { keyPhoneKeys } from "./keys";

export function useKeyPhones(sourceId: string) {
  return useQuery({ queryKey: keyPhoneKeys.list(sourceId), queryFn: () => keyPhonesApi.list(sourceId) });
}

/** A change touches this router's list and the audit trail, nothing else. */
export function useChangeKeyPhones(sourceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: KeyPhoneAction; phones: string[] }) => keyPhonesApi.change(sourceId, body),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keyPhoneKeys.list(sourceId) }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

/** Saving changes nothing Linewatch lists but the audit trail. */
export function useSaveConfig(sourceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => keyPhonesApi.saveConfig(sourceId),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
