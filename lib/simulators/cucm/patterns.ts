// SelectItems matching: literal items, `*` for everything, and `*` wildcards anywhere in an item
// (`SEP0A*`, `*1234`, `10.1.*`). Literal items go into a Set so a 1000-name request costs 1000 lookups.
export interface ItemMatcher {
  matchesAll: boolean;
  /** Literal items (upper-cased unless case-sensitive), when no item has a wildcard (the fast path for name lists). */
  literals: ReadonlySet<string>;
  hasWildcards: boolean;
  test(value: string): boolean;
}

function globToRegExp(pattern: string, caseSensitive: boolean): RegExp {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, caseSensitive ? "" : "i");
}

/**
 * With `wildcards` false every item is literal, as Cisco says selectCmDeviceExt takes no `*`:
 * an item of `*` then only matches a device literally named `*` (that is, nothing).
 */
export function itemMatcher(items: readonly string[], wildcards: boolean, caseSensitive = false): ItemMatcher {
  const fold = (value: string) => (caseSensitive ? value : value.toUpperCase());
  const literals = new Set<string>();
  const prefixes: string[] = [];
  const patterns: RegExp[] = [];
  let matchesAll = false;
  for (const item of items) {
    const upper = fold(item);
    if (!wildcards || !upper.includes("*")) literals.add(upper);
    else if (/^\*+$/.test(upper)) matchesAll = true;
    else if (upper.indexOf("*") === upper.length - 1) prefixes.push(upper.slice(0, -1));
    else patterns.push(globToRegExp(upper, caseSensitive));
  }
  const hasWildcards = prefixes.length > 0 || patterns.length > 0 || matchesAll;
  return {
    matchesAll,
    literals,
    hasWildcards,
    test(value: string): boolean {
      if (matchesAll) return true;
      const upper = fold(value);
      if (literals.has(upper)) return true;
      for (const prefix of prefixes) if (upper.startsWith(prefix)) return true;
      for (const pattern of patterns) if (pattern.test(upper)) return true;
      return false;
    },
  };
}
