// Registration and CTI states as badges, in words, the same on every inventory page.
import { Badge } from "@/components/ui/badge";

const registration = {
  registered: { tone: "good", label: "Registered" },
  unregistered: { tone: "bad", label: "Unregistered" },
  rejected: { tone: "bad", label: "Rejected" },
  "partially-registered": { tone: "warn", label: "Partially registered" },
  "in-fallback": { tone: "warn", label: "In fallback" },
  returning: { tone: "warn", label: "Returning from fallback" },
  unknown: { tone: "neutral", label: "Unknown" },
  // Configured on a cluster (AXL) and absent from RisPort: spare or stored phones as often as broken ones.
  "never-registered": { tone: "neutral", label: "Never registered" },
  "not-seen": { tone: "warn", label: "Not seen" },
} as const;

export const registrationLabel = (status: string) => registration[status as keyof typeof registration]?.label ?? status;

/** "Not seen for 30 days" from the poller's reason ("Not seen by RisPort for 30 days"), else "Not seen". */
function notSeenLabel(reason: string | null | undefined): string {
  const days = reason ? /\bfor (\d+) days?\b/i.exec(reason)?.[1] : undefined;
  if (!days) return registration["not-seen"].label;
  return `Not seen for ${days} ${days === "1" ? "day" : "days"}`;
}

/**
 * `workedOut`: how Linewatch worked the status out when the source reported none (a SIP phone on a
 * CME router: "from its address"), shown with it so a derived status never reads as reported.
 * `reason`: the record's status reason; a not-seen phone says for how long.
 */
export function RegistrationBadge({
  status,
  router,
  workedOut,
  reason,
}: {
  status: string;
  router?: string | null;
  workedOut?: string | null;
  reason?: string | null;
}) {
  const entry = registration[status as keyof typeof registration] ?? registration.unknown;
  // "In fallback on leeds-srst": where the phone is registered now is what helpdesk needs.
  const label =
    status === "in-fallback" && router
      ? `In fallback on ${router}`
      : status === "not-seen"
        ? notSeenLabel(reason)
        : entry.label;
  const text = workedOut ? `${label}, ${workedOut}` : label;
  return (
    <Badge tone={entry.tone} title={status === "not-seen" && reason ? reason : text}>
      {text}
    </Badge>
  );
}

const cti = {
  open: { tone: "good", label: "Open" },
  closed: { tone: "neutral", label: "Closed" },
  "open-failed": { tone: "bad", label: "Open failed" },
  unknown: { tone: "neutral", label: "Unknown" },
} as const;

export const ctiLabel = (status: string) => cti[status as keyof typeof cti]?.label ?? status;

export function CtiBadge({ status }: { status: string }) {
  const entry = cti[status as keyof typeof cti] ?? cti.unknown;
  return <Badge tone={entry.tone}>{entry.label}</Badge>;
}
