// The secrets scan: every secret the run knows (source passwords, API tokens, people's passwords,
// the key that seals source passwords, the session secret) in the encodings it could leak in,
// counted in files and texts with one pass over each (needles indexed by their first 4 bytes).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface Secret {
  label: string;
  needles: Buffer[];
}

const MIN_NEEDLE = 8;
const b64 = (data: Buffer | string) => Buffer.from(data).toString("base64").replace(/=+$/, "");
const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function distinct(values: Array<Buffer | string>): Buffer[] {
  const seen = new Map<string, Buffer>();
  for (const value of values) {
    const buffer = Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8");
    if (buffer.length >= MIN_NEEDLE) seen.set(buffer.toString("hex"), buffer);
  }
  return [...seen.values()];
}

/** A password or token: as typed, base64 and base64url, and inside an HTTP Basic header. */
export function passwordSecret(label: string, password: string, user?: string): Secret {
  return {
    label,
    needles: distinct([password, b64(password), b64url(password), ...(user ? [b64(`${user}:${password}`)] : [])]),
  };
}

/** A 32-byte key as its file holds it (base64 or hex), its raw bytes, hex and base64url. */
export function keySecret(label: string, text: string): Secret {
  const trimmed = text.trim();
  const raw = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  return { label, needles: distinct([trimmed, raw, raw.toString("hex"), b64url(raw), b64(raw)]) };
}

/** A text secret (the session secret): as is and base64. */
export function textSecret(label: string, text: string): Secret {
  return { label, needles: distinct([text.trim(), b64(text.trim())]) };
}

export function fileSecret(label: string, file: string, kind: "key" | "text"): Secret | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  return kind === "key" ? keySecret(label, text) : textSecret(label, text);
}

export type Findings = Map<string, number>;

export class SecretScanner {
  private readonly index = new Map<number, Array<{ label: string; needle: Buffer }>>();
  readonly labels: string[];

  constructor(secrets: Secret[]) {
    this.labels = [...new Set(secrets.map((s) => s.label))];
    for (const secret of secrets) {
      for (const needle of secret.needles) {
        const key = needle.readUInt32LE(0);
        const list = this.index.get(key) ?? [];
        list.push({ label: secret.label, needle });
        this.index.set(key, list);
      }
    }
  }

  get needleCount(): number {
    let n = 0;
    for (const list of this.index.values()) n += list.length;
    return n;
  }

  /** Adds the occurrences found in `data` to `findings` (label -> count). */
  scan(data: Buffer | string, findings: Findings = new Map()): Findings {
    const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8");
    const end = buffer.length - MIN_NEEDLE;
    for (let i = 0; i <= end; i++) {
      const key = (buffer[i]! | (buffer[i + 1]! << 8) | (buffer[i + 2]! << 16) | (buffer[i + 3]! << 24)) >>> 0;
      const candidates = this.index.get(key);
      if (!candidates) continue;
      for (const { label, needle } of candidates) {
        if (
          i + needle.length <= buffer.length &&
          buffer.compare(needle, 0, needle.length, i, i + needle.length) === 0
        ) {
          findings.set(label, (findings.get(label) ?? 0) + 1);
        }
      }
    }
    return findings;
  }

  scanFiles(files: string[], findings: Findings = new Map()): Findings {
    for (const file of files) this.scan(readFileSync(file), findings);
    return findings;
  }
}

export const totalFound = (findings: Findings) => [...findings.values()].reduce((a, b) => a + b, 0);

export function describeFindings(findings: Findings): string {
  const found = [...findings.entries()].filter(([, n]) => n > 0);
  return found.length === 0
    ? "0 found"
    : `${totalFound(findings)} found (${found.map(([label, n]) => `${label}: ${n}`).join(", ")})`;
}

/** Every file under a directory. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out;
}

export const totalBytes = (files: string[]) => files.reduce((sum, file) => sum + statSync(file).size, 0);

/**
 * Secrets only a build could have picked up: the demo routers' password (in the server code), the
 * data directories' key and session secret next to the checkout (data/, .e2e/data/), and the ones
 * given in the environment.
 */
export function bundleOnlySecrets(cwd: string, given: { sessionSecret?: string; secretKey?: string }): Secret[] {
  const files = ["data", path.join(".e2e", "data")].flatMap((dir) => [
    fileSecret(`${dir}/secret.key`, path.join(cwd, dir, "secret.key"), "key"),
    fileSecret(`${dir}/nextauth-secret`, path.join(cwd, dir, "nextauth-secret"), "text"),
  ]);
  return [
    passwordSecret("demo password", "demo-pass"),
    ...files.filter((s): s is Secret => s !== null),
    ...(given.sessionSecret ? [textSecret("NEXTAUTH_SECRET", given.sessionSecret)] : []),
    ...(given.secretKey ? [keySecret("LINEWATCH_SECRET_KEY", given.secretKey)] : []),
  ];
}
