"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usersApi, tokensApi, type UserFilters } from "./api";
import { tokenKeys, userKeys } from "./keys";
import { auditKeys } from "@/components/audit/keys";

export function useUsers(filters: UserFilters) {
  return useQuery({ queryKey: userKeys.list(filters), queryFn: () => usersApi.list(filters) });
}

/** Every user change also writes an audit row, so both lists are refreshed. */
function useInvalidateUsers() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: userKeys.lists() }),
      client.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: usersApi.create, onSuccess: invalidate });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string; role?: "viewer" | "helpdesk" | "admin"; disabled?: boolean }) =>
      usersApi.update(id, change),
    onSuccess: invalidate,
  });
}

export function useSignOutEverywhere() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: usersApi.signOutEverywhere, onSuccess: invalidate });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: usersApi.resetPassword, onSuccess: invalidate });
}

export function useTokens() {
  return useQuery({ queryKey: tokenKeys.lists(), queryFn: tokensApi.list });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: tokensApi.create,
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: tokensApi.revoke,
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
