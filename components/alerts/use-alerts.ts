"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LIVE_REFRESH_MS } from "@/components/query-defaults";
import { alertsApi, type AlertFilters } from "./api";
import { alertKeys } from "./keys";

/** Alerts open and resolve with polls: a live view. */
export function useAlerts(filters: AlertFilters) {
  return useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: ({ signal }) => alertsApi.list(filters, signal),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: alertsApi.acknowledge,
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.lists() }),
  });
}

export function useSilences() {
  return useQuery({ queryKey: alertKeys.silences(), queryFn: ({ signal }) => alertsApi.silences(signal) });
}

export function useAddSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: alertsApi.addSilence,
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.silences() }),
  });
}

export function useEndSilence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: alertsApi.endSilence,
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.silences() }),
  });
}

export function useRules() {
  return useQuery({ queryKey: alertKeys.rules(), queryFn: ({ signal }) => alertsApi.rules(signal) });
}

function useRuleMutation<T>(fn: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.rules() }) });
}
export const useAddRule = () => useRuleMutation(alertsApi.addRule);
export const useSaveRule = () => useRuleMutation(alertsApi.saveRule);
export const useRemoveRule = () => useRuleMutation(alertsApi.removeRule);

/** Channel health changes as the outbox delivers: refreshed like a live view. */
export function useChannels(enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.channels(),
    queryFn: ({ signal }) => alertsApi.channels(signal),
    enabled,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

function useChannelMutation<T>(fn: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.channels() }) });
}
export const useAddChannel = () => useChannelMutation(alertsApi.addChannel);
export const useRemoveChannel = () => useChannelMutation(alertsApi.removeChannel);
export const useTestChannel = () => useChannelMutation(alertsApi.testChannel);

export function useMarks() {
  return useQuery({ queryKey: alertKeys.marks(), queryFn: ({ signal }) => alertsApi.marks(signal) });
}

export function useSetMark() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: alertsApi.setMark,
    onSuccess: (marks) => client.setQueryData(alertKeys.marks(), marks),
  });
}
