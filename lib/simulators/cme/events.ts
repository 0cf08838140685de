// The router's XML event log (`log table max-size 150`, `retain-timer 15`): a ring per kind,
// pruned by size on write and by age on every read, timed by the injectable clock.

export interface DeviceEvent {
  id: number;
  at: number;
  protocol: "sccp" | "sip";
  /** Ephone (or pool) tag. */
  deviceTag: number;
  deviceName: string;
  /** ISDevEventType; the seed only shows "Device". */
  type: "Device";
  status: "registered" | "unregistered";
}

export interface ExtensionEvent {
  id: number;
  at: number;
  protocol: "sccp" | "sip";
  /** Ephone-dn (or voice register dn) tag. */
  extensionTag: number;
  number: string;
  status: "Up" | "Down";
}

export class EventRing<T extends { id: number; at: number }> {
  private entries: T[] = [];
  private lastId = 0;

  constructor(
    private readonly maxSize: number,
    private readonly retainMs: number,
    private readonly clock: () => number,
  ) {}

  /** Appends an event with the next id (ids never repeat, even after the ring wraps). */
  add(fields: Omit<T, "id" | "at">): T {
    const event = { ...fields, id: ++this.lastId, at: this.clock() } as T;
    this.entries.push(event);
    if (this.entries.length > this.maxSize) this.entries.splice(0, this.entries.length - this.maxSize);
    return event;
  }

  /** Events still held: at most maxSize, none older than the retain timer. */
  list(): readonly T[] {
    const oldest = this.clock() - this.retainMs;
    const firstKept = this.entries.findIndex((event) => event.at >= oldest);
    if (firstKept !== 0) this.entries = firstKept < 0 ? [] : this.entries.slice(firstKept);
    return this.entries;
  }

  count(): number {
    return this.list().length;
  }
}

export class EventLog {
  readonly devices: EventRing<DeviceEvent>;
  readonly extensions: EventRing<ExtensionEvent>;

  constructor(options: { maxSize: number; retainMinutes: number }, clock: () => number) {
    const retainMs = options.retainMinutes * 60_000;
    this.devices = new EventRing<DeviceEvent>(options.maxSize, retainMs, clock);
    this.extensions = new EventRing<ExtensionEvent>(options.maxSize, retainMs, clock);
  }
}
