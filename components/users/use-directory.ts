"use client";
// Directory sign-in settings on the Users page: role rules and the local sign-in switch.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { directoryApi } from "./api";
import { directoryKeys } from "./keys";
import { auditKeys } from "@/components/audit/keys";

export function useRoleRules() {
  return useQuery({ queryKey: directoryKeys.roleRules(), queryFn: directoryApi.roleRules });
}

export function useSignInSettings() {
  return useQuery({ queryKey: directoryKeys.signInSettings(), queryFn: directoryApi.signInSettings });
}

export function useSaveRoleRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: directoryApi.saveRoleRules,
    onSuccess: (saved) => {
      client.setQueryData(directoryKeys.roleRules(), saved);
      return client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export function useSaveSignInSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: directoryApi.saveSignInSettings,
    onSuccess: (saved) => {
      client.setQueryData(directoryKeys.signInSettings(), saved);
      return client.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}
