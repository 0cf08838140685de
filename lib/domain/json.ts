// Stored JSON text columns read defensively: a malformed value shows as empty, never as a 500.
// Every read of a stored JSON column goes through these.

/** The parsed value, or undefined when the text is not JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function parseJsonArray(text: string | null | undefined): unknown[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value : [];
}

export function parseJsonObject(text: string | null | undefined): Record<string, unknown> {
  const value = parseJson(text);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The strings of a stored list (ids, names); anything else in it is dropped. */
export function parseJsonStrings(text: string | null | undefined): string[] {
  return parseJsonArray(text).filter((item): item is string => typeof item === "string");
}
