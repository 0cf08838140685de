// Slices of the device-name space for wildcard queries. A cell is either every name starting
// with a prefix (`SEP0A*`) or one exact name (`SEP0A`, which the children `SEP0A?*` no longer
// cover). Whether CUCM matches names regardless of case is unverified, so each cluster's
// `NameCase` is learned: "folded" (it ignores case: keys upper-case, as before) or "exact" (it
// matches case: keys as spelled, and lower-case letters are characters of their own).

/** How a cluster matches SelectItems to names: regardless of case, or exactly. */
export type NameCase = "folded" | "exact";

export type Cell = { prefix: string; exact: boolean };

/**
 * Characters a child cell may add: what CUCM allows in device names (letters, digits, dot, dash,
 * underscore, space) plus the separators gateway endpoints and trunks use. Names are upper-case
 * here (CUCM matches regardless of case). Any other character seen in a sample is added by the
 * caller, so a site's unusual names still split completely once one of them has been seen.
 */
export const NAME_CHARACTERS: readonly string[] = [..." #+-./0123456789:@ABCDEFGHIJKLMNOPQRSTUVWXYZ_"];

const LOWER_CASE: readonly string[] = [..."abcdefghijklmnopqrstuvwxyz"];

/** The characters a cell splits into: on an exact-case cluster lower-case letters too. */
const alphabet = (nameCase: NameCase): readonly string[] =>
  nameCase === "exact" ? [...NAME_CHARACTERS, ...LOWER_CASE] : NAME_CHARACTERS;

/** The key names are sorted and sliced by: the name as the cluster compares it. */
export const nameKey = (name: string, nameCase: NameCase = "folded"): string =>
  nameCase === "folded" ? name.toUpperCase() : name;

export const ROOT_CELL: Cell = { prefix: "", exact: false };

/** The SelectItems entry that asks for the cell. */
export const cellItem = (cell: Cell): string => (cell.exact ? cell.prefix : `${cell.prefix}*`);

export function cellFromItem(item: string, nameCase: NameCase = "folded"): Cell {
  return item.endsWith("*")
    ? { prefix: nameKey(item.slice(0, -1), nameCase), exact: false }
    : { prefix: nameKey(item, nameCase), exact: true };
}

export function cellCovers(cell: Cell, key: string): boolean {
  return cell.exact ? key === cell.prefix : key.startsWith(cell.prefix);
}

/** Name order, with a prefix's exact name before the names that extend it. */
export function compareCells(a: Cell, b: Cell): number {
  if (a.prefix === b.prefix) return Number(!a.exact) - Number(!b.exact);
  return a.prefix < b.prefix ? -1 : 1;
}

/** The cells that together cover exactly what `cell` covers, one level deeper. */
export function childCells(cell: Cell, extraCharacters: Iterable<string> = [], nameCase: NameCase = "folded"): Cell[] {
  if (cell.exact) return [cell];
  const characters = new Set([...alphabet(nameCase), ...extraCharacters]);
  characters.delete("*");
  // No name starts with a space, and servers trim values: " *" would arrive as "*".
  if (cell.prefix === "") characters.delete(" ");
  const children: Cell[] = [...characters]
    .sort()
    .map((character) => ({ prefix: cell.prefix + character, exact: false }));
  if (cell.prefix !== "") children.unshift({ prefix: cell.prefix, exact: true });
  return children;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of `sortedKeys` (upper-cased, sorted) the cell covers. */
export function countInCell(sortedKeys: readonly string[], cell: Cell): number {
  const start = lowerBound(sortedKeys, cell.prefix);
  if (cell.exact) {
    let end = start;
    while (end < sortedKeys.length && sortedKeys[end] === cell.prefix) end++;
    return end - start;
  }
  // Every key starting with the prefix sorts before prefix + U+FFFF.
  return lowerBound(sortedKeys, `${cell.prefix}\uffff`) - start;
}

/** Characters used in names that the alphabet lacks, so splits also cover them. */
export function unusualCharacters(keys: Iterable<string>, nameCase: NameCase = "folded"): Set<string> {
  const known = new Set(alphabet(nameCase));
  const unusual = new Set<string>();
  for (const key of keys)
    for (const character of key) if (!known.has(character) && character !== "*") unusual.add(character);
  return unusual;
}

/** Share of a slice's target left over below which a cell that does not fit starts the next slice instead of being cut. */
export const MIN_ROOM_TO_CUT = 0.1;

/** A run of cells covering the sorted keys from `from` (inclusive) to `to` (exclusive). */
export type PackedSlice = { cells: Cell[]; from: number; to: number };

/**
 * Packs known names (sorted keys, one per record) into as few slices as keep each at most
 * `target` records. Counts are exact, so a cell is cut only where it does not fit.
 */
export function packSlices(
  sortedKeys: readonly string[],
  target: number,
  maxItems: number,
  nameCase: NameCase = "folded",
): PackedSlice[] {
  const extra = unusualCharacters(sortedKeys, nameCase);
  const slices: PackedSlice[] = [];
  const queue: Cell[] = [ROOT_CELL];
  let current: PackedSlice = { cells: [], from: 0, to: 0 };
  while (queue.length > 0) {
    const cell = queue[0] as Cell;
    const count = countInCell(sortedKeys, cell);
    if (current.to - current.from + count <= target && current.cells.length < maxItems) {
      current.cells.push(cell);
      current.to += count;
      queue.shift();
      continue;
    }
    // Split only where the children fit the request's items; otherwise start the next slice, so a
    // slice is not closed early by a split's empty children (many on an exact-case cluster).
    // Nor is a cell cut finely for the last few records of room: each level costs a whole alphabet of items.
    const room = target - (current.to - current.from);
    const children = cell.exact || cell.prefix.length >= 64 ? [] : childCells(cell, extra, nameCase);
    const worthCutting =
      current.cells.length === 0 ||
      (room >= target * MIN_ROOM_TO_CUT && current.cells.length - 1 + children.length <= maxItems);
    if (children.length > 0 && worthCutting) {
      queue.splice(0, 1, ...children);
      continue;
    }
    if (current.cells.length === 0) {
      current.cells.push(cell); // a single name with more records than the target: nothing finer exists
      current.to += count;
      queue.shift();
    }
    slices.push(current);
    current = { cells: [], from: current.to, to: current.to };
  }
  if (current.cells.length > 0) slices.push(current);
  return slices;
}

/** Cuts a list of items in two halves of about equal weight in `sortedKeys`; a lone wildcard is split first. */
export function splitItems(
  items: readonly string[],
  sortedKeys: readonly string[],
  nameCase: NameCase = "folded",
): [string[], string[]] {
  let cells = items.map((item) => cellFromItem(item, nameCase)).sort(compareCells);
  if (cells.length === 1) cells = childCells(cells[0] as Cell, unusualCharacters(sortedKeys, nameCase), nameCase);
  const weights = cells.map((cell) => countInCell(sortedKeys, cell));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  let cut = Math.max(1, Math.floor(cells.length / 2));
  for (let index = 0; index < cells.length - 1; index++) {
    running += weights[index] as number;
    if (running * 2 >= total) {
      cut = index + 1;
      break;
    }
  }
  return [cells.slice(0, cut).map(cellItem), cells.slice(cut).map(cellItem)];
}
