// The simulator's notion of "now": wall time by default, or a manual time tests set and advance,
// so budget windows and TimeStamps can be checked without waiting.
export class SimulatorClock {
  private manualMs: number | undefined;

  constructor(private readonly source: () => number = Date.now) {}

  nowMs(): number {
    return this.manualMs ?? this.source();
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Freezes time at `ms`; later calls to `advance` move it. */
  set(ms: number): void {
    this.manualMs = ms;
  }

  advance(ms: number): void {
    this.manualMs = this.nowMs() + ms;
  }

  /** Back to the source clock. */
  release(): void {
    this.manualMs = undefined;
  }
}
