// The cluster simulator's seeded randomness: any seed (number or text) is hashed (FNV-1a) into
// the generator's starting state.
import { randomFromState, type Random } from "../shared/random";

export type { Random };

function hashSeed(seed: number | string): number {
  const text = String(seed);
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

export function seededRandom(seed: number | string): Random {
  return randomFromState(hashSeed(seed));
}
