"use client";
import { useQuery } from "@tanstack/react-query";
import { extensionsApi } from "./api";
import { extensionKeys } from "./keys";
import type { ExtensionFilters } from "./url-state";

export function useExtensions(filters: ExtensionFilters) {
  return useQuery({
    queryKey: extensionKeys.list(filters),
    queryFn: ({ signal }) => extensionsApi.list(filters, signal),
  });
}
