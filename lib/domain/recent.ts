// A small map whose entries are forgotten after a while (and the oldest first beyond a size):
// what a process learnt recently and may use as a hint, never as the answer itself.

export class Recent<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly keepMs: number,
    private readonly max = 500,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at >= this.keepMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
