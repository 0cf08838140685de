// Masks secret-looking fields (passwords, tokens, keys, cookies) before anything is logged or
// audited. Pure, so the logger does not pull in the database.
// "key" only at the end of a name (apiKey, privateKey): a keyPhone flag is not a secret.
const secretKey = /pass(word)?|secret|token|authorization|cookie|credential|key$/i;

export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretKey.test(k) ? "***" : maskSecrets(v, depth + 1);
    return out;
  }
  return value;
}
