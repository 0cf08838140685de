// The one CSV writer (RFC 4180, CRLF) for every export: audit trail, phones, extensions, CTI apps.
// Cells that a spreadsheet would run as a formula are written as text; phone numbers stay intact.

export type CsvValue = string | number | boolean | Date | null | undefined | object;

export function csvCell(value: CsvValue): string {
  let text =
    value === null || value === undefined
      ? ""
      : typeof value === "string"
        ? value
        : value instanceof Date
          ? value.toISOString()
          : typeof value === "object"
            ? JSON.stringify(value)
            : String(value);
  if (runsAsFormula(text)) text = `'${text}`;
  // E.164 numbers (+4930123456) and leading-zero DNs (0201) are quoted: they are text, not numbers.
  const numberLike = /^\+\d+$|^0\d+$/.test(text);
  return numberLike || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A plain number a spreadsheet shows as is: +4930123456, -5, 2.5; not +1+cmd|' or -2*3. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * What a spreadsheet would evaluate: = or @ first (also after leading control characters or
 * spaces, which Excel skips: NUL then = is still a formula), a leading tab or CR, or + / -
 * followed by anything but a plain number.
 */
export function runsAsFormula(text: string): boolean {
  if (/^[\t\r]/.test(text)) return true;
  const lead = text.replace(/^[\x00-\x20]+/, "");
  if (/^[=@]/.test(lead)) return true;
  return /^[+-]/.test(lead) && !(lead === text && PLAIN_NUMBER.test(text));
}

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
export const UTF8_BOM = "\uFEFF";

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, for Excel. */
  bom?: boolean;
}

export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvCell).join(",")}\r\n`;

export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  options: CsvOptions = {},
): string {
  let out = (options.bom ? UTF8_BOM : "") + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/** A CSV body written batch by batch, so a 100,000-row export never sits in memory at once. */
export function csvStream(
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly CsvValue[])[]>,
  options: CsvOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode((options.bom ? UTF8_BOM : "") + csvLine(header)));
        return;
      }
      const next = await iterator.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** How one export reads its rows: the window after a row in export order, and a row's cells. */
export interface CsvExport<Row> {
  header: readonly string[];
  /**
   * Up to `take` rows of the filtered, sorted list that come after `after` (the last row of the
   * previous window; undefined for the first): keyset paging, so no window rereads the rows before
   * it. Fewer than `take` means the list ended.
   */
  window: (after: Row | undefined, take: number) => Promise<readonly Row[]>;
  values: (row: Row) => readonly CsvValue[];
  bom?: boolean;
  /** Rows per database round trip; big enough to be quick, small enough to stay out of memory. */
  batchSize?: number;
}

/**
 * Rows per window: one window is one turn of the event loop (its rows read, turned into cells and
 * written), so it stays short: at 250, with 50 exports running, the web's lag p99 was 20-21 ms.
 */
export const CSV_BATCH = 100;

/**
 * Exports in this process read one window at a time, in turn (first come, first served): twenty
 * exports of 100,000 devices then take turns with each other instead of queueing twenty database
 * reads (synchronous on SQLite) ahead of every other request, which run between the turns.
 */
export interface TurnClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const realClock: TurnClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Turns {
  private tail: Promise<unknown> = Promise.resolve();
  /**
   * `restRatio`: after each turn the next waits that many times as long as the turn took. Exports
   * are background work: at 1, all of them together use at most about half of the time of the
   * database connection they read on and of the CPU, and every other request keeps the rest
   * (measured: with 20 exports running, other requests' p99 was over 200 ms without the rest).
   */
  constructor(
    private readonly restRatio = 0,
    private readonly clock: TurnClock = realClock,
  ) {}
  take<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(async () => {
      const started = this.clock.now();
      try {
        return await work();
      } finally {
        const rest = (this.clock.now() - started) * this.restRatio;
        if (rest >= 1) await this.clock.sleep(rest);
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}

/** At most `size` holders at once; the rest wait in order of arrival. */
export class Slots {
  private held = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async acquire(): Promise<() => void> {
    if (this.held >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held--;
    };
  }
}

/**
 * Exports that read at once in this process; the others wait their turn before their first window.
 * Measured with 20 exports at once: every active export puts its steps in the event loop's queue
 * ahead of other requests, so other requests waited seconds; with two active they wait little,
 * and the exports, done one pair after another, finish in about the same total time.
 */
export const EXPORTS_AT_ONCE = 2;
/** An export whose client has not read for this long lets another export have its slot. */
const STALLED_CLIENT_MS = 10_000;

const exportSlot = globalThis as unknown as { linewatchExportTurns?: Turns; linewatchExportSlots?: Slots };
/** How long exports rest after each window, relative to the window's time (see Turns). */
export const EXPORT_REST_RATIO = 1;
export const exportTurns = (): Turns => (exportSlot.linewatchExportTurns ??= new Turns(EXPORT_REST_RATIO));
export const exportSlots = (): Slots => (exportSlot.linewatchExportSlots ??= new Slots(EXPORTS_AT_ONCE));

/**
 * The one paging loop every export shares: window after window until a short one ends the list.
 * It yields to the event loop between windows, so a long export never holds other requests up.
 */
export function csvExport<Row>({
  header,
  window,
  values,
  bom,
  batchSize = CSV_BATCH,
}: CsvExport<Row>): ReadableStream<Uint8Array> {
  async function* batches() {
    let release: (() => void) | null = await exportSlots().acquire();
    try {
      let after: Row | undefined;
      for (;;) {
        release ??= await exportSlots().acquire();
        const cursor = after;
        const { rows, cells } = await exportTurns().take(async () => {
          const read = await window(cursor, batchSize);
          return { rows: read, cells: read.map(values) };
        });
        if (rows.length > 0) {
          // A client that stops reading gives its slot up after a while, and queues again when it reads on.
          const held = release;
          const stall = setTimeout(() => {
            if (release !== held) return;
            release = null;
            held();
          }, STALLED_CLIENT_MS);
          stall.unref?.();
          yield cells;
          clearTimeout(stall);
        }
        if (rows.length < batchSize) return;
        after = rows[rows.length - 1];
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      release?.();
    }
  }
  return csvStream(header, batches(), { bom });
}

export function csvResponse(body: ReadableStream<Uint8Array> | string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
