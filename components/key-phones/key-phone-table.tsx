"use client";
// The router's phones with their key-phone flag; a checkbox per phone selects it for a change.
import { Badge } from "@/components/ui/badge";
import type { KeyPhoneRow } from "@/lib/domain/cme-actions";

export function KeyPhoneFlag({ keyPhone }: { keyPhone: boolean | null }) {
  if (keyPhone === null) return <Badge>not reported</Badge>;
  return keyPhone ? <Badge tone="good">key phone</Badge> : <Badge>not a key phone</Badge>;
}

export function KeyPhoneTable({
  phones,
  selected,
  onToggle,
  onToggleAll,
  disabled,
}: {
  phones: KeyPhoneRow[];
  selected: ReadonlySet<string>;
  onToggle: (name: string) => void;
  onToggleAll: (select: boolean) => void;
  disabled: boolean;
}) {
  const allSelected = phones.length > 0 && phones.every((p) => selected.has(p.name));
  return (
    <table>
      <caption className="sr-only">Phones on this router</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-800">
          <th className="w-10 py-2">
            <input
              type="checkbox"
              aria-label="Select all shown phones"
              checked={allSelected}
              disabled={disabled || phones.length === 0}
              onChange={(e) => onToggleAll(e.target.checked)}
              className="size-4"
            />
          </th>
          <th>Phone</th>
          <th>Key-phone flag</th>
          <th>Model</th>
          <th>User</th>
          <th>Primary line</th>
          <th>Registration</th>
        </tr>
      </thead>
      <tbody>
        {phones.map((phone) => (
          <tr
            key={phone.name}
            className={`border-b border-slate-100 dark:border-slate-800/60 ${selected.has(phone.name) ? "bg-sky-50 dark:bg-sky-950/40" : ""}`}
          >
            <td className="py-1.5">
              <input
                type="checkbox"
                aria-label={`Key phone ${phone.name}`}
                checked={selected.has(phone.name)}
                disabled={disabled}
                onChange={() => onToggle(phone.name)}
                className="size-4"
              />
            </td>
            <td className="font-mono">{phone.name}</td>
            <td>
              <KeyPhoneFlag keyPhone={phone.keyPhone} />
            </td>
            <td>{phone.model}</td>
            <td>{phone.userName}</td>
            <td className="font-mono">{phone.primaryDn}</td>
            <td className="text-slate-600 dark:text-slate-400">{phone.registrationStatus}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
