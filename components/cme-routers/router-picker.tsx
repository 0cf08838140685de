"use client";
// Picks one of the CME routers; the choice lives in the URL (?router=id) so a link is shareable.
// Shared by the key-phone and CME-user pages.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { SelectField } from "@/components/ui/field";
import type { CmeRouter } from "@/lib/domain/cme-actions";

export function RouterPicker({ routers, value }: { routers: CmeRouter[]; value: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div className="max-w-sm">
      <SelectField
        label="Router"
        value={value}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          next.set("router", e.target.value);
          router.replace(`${pathname}?${next.toString()}`);
        }}
        options={routers.map((r) => ({ value: r.id, label: r.site ? `${r.name} (${r.site})` : r.name }))}
      />
    </div>
  );
}

/** The router named in the URL, else the first the page prefers (one with key phones, say), else the first one. */
export function useSelectedRouter<R extends CmeRouter>(routers: R[], prefer?: (router: R) => boolean): R {
  const wanted = useSearchParams().get("router");
  return routers.find((r) => r.id === wanted) ?? (prefer && routers.find(prefer)) ?? routers[0]!;
}
