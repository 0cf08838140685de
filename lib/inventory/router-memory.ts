// What a router poll remembers between polls (SourceHealth.memory, "stored with the source"): the
// form the router speaks, the phones last seen (to confirm disappearances), where the event log
// stands and whether the router offers one, and its system status for the source page.
import type { CmeDialect } from "@/lib/cme";

/** A phone as last seen, enough to ask the router for it by itself. */
export interface SeenPhone {
  name: string;
  protocol: "sccp" | "sip";
  /** The ephone tag or voice register pool tag. */
  tag: number | null;
}

export interface RouterMemory {
  /** The newest event-log ids stored, per kind; null before the first poll or on routers that do not number events. */
  deviceEventId: number | null;
  extensionEventId: number | null;
  /** The reply form learned from the router (2008 seed or 2010+ newer guide); null until learned. */
  dialect: CmeDialect | null;
  /** Phones the router listed before: a phone gone from a complete list is confirmed one by one. */
  phones: SeenPhone[] | null;
  /** Why the router's event log is not used, once it refused it; null while it answers. */
  eventLogUnavailable: string | null;
  /** The router's system status as last read, for the source page. */
  system?: Record<string, unknown>;
}

const seenPhone = (value: unknown): value is SeenPhone => {
  const phone = value as SeenPhone | null;
  return (
    typeof phone?.name === "string" &&
    (phone.protocol === "sccp" || phone.protocol === "sip") &&
    (phone.tag === null || Number.isInteger(phone.tag))
  );
};

export function readRouterMemory(memory: Record<string, unknown>): RouterMemory {
  const id = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null);
  return {
    deviceEventId: id(memory.deviceEventId),
    extensionEventId: id(memory.extensionEventId),
    dialect: memory.dialect === "2008" || memory.dialect === "2010" ? memory.dialect : null,
    phones: Array.isArray(memory.phones) ? memory.phones.filter(seenPhone) : null,
    eventLogUnavailable: typeof memory.eventLogUnavailable === "string" ? memory.eventLogUnavailable : null,
    system: memory.system as Record<string, unknown> | undefined,
  };
}
