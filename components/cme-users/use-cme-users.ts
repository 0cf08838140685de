"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/components/audit/keys";
import { cmeUsersApi } from "./api";
import { cmeUserKeys } from "./keys";

/** The router's users from its stored phones (no router request). */
export function useCmeUserList(sourceId: string, q: string) {
  return useQuery({
    queryKey: cmeUserKeys.list(sourceId, q),
    queryFn: ({ signal }) => cmeUsersApi.list(sourceId, q, signal),
  });
}

/** Asks the router only when a look-up was asked for; not again on focus (each one is a router request). */
export function useCmeUser(sourceId: string, userId: string | null) {
  return useQuery({
    queryKey: cmeUserKeys.detail(sourceId, userId ?? ""),
    queryFn: () => cmeUsersApi.lookUp(sourceId, userId!),
    enabled: !!userId,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    placeholderData: undefined,
  });
}

/** The new password lives only in this mutation's result until the person closes it. */
export function useResetCmePassword(sourceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => cmeUsersApi.resetPassword(sourceId, userId),
    gcTime: 0,
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
