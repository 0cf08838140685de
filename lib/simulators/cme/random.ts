// The CME simulator's seeded randomness: a numeric seed is the generator's starting state.
import { randomFromState, type Random } from "../shared/random";

export type { Random };

export function seededRandom(seed: number): Random {
  return randomFromState(seed);
}
