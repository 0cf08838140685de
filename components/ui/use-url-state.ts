"use client";
// Reads and replaces a list's state in the URL (replace, not push: typing is not history).
import { useCallback } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export function useUrlState<F>(read: (params: URLSearchParams) => F, write: (f: F) => string) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = read(new URLSearchParams(params.toString()));
  const replace = useCallback(
    (next: F) => {
      const search = write(next);
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [router, pathname, write],
  );
  return [state, replace] as const;
}
