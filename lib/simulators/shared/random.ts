// A small seeded generator (mulberry32) shared by both simulators: the same seed gives the same
// fleet and churn on every machine, which Math.random cannot. Each simulator keeps its own way
// of turning a seed into the starting state, so existing seeds keep their fleets.
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `digits` upper-case hex digits. */
  hex(digits: number): string;
}

export function randomFromState(initial: number): Random {
  let state = initial >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[int(0, items.length - 1)] as T;
    },
    hex(digits) {
      let out = "";
      for (let i = 0; i < digits; i++) out += "0123456789ABCDEF"[int(0, 15)];
      return out;
    },
  };
}
