// The import-direction check `npm test` runs first: every module imports only from its own folder
// or from a layer below it, so the structure in README.md ("Architecture") stays true as code grows.
// Reads imports as text (static, dynamic, re-exports, vi.mock); prints each import that runs up.
// `node scripts/check-imports.mjs --layers` prints the layers.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Lowest first. A folder may import its own files and any folder of a lower rank; two folders of one
// rank stay independent (the CME client, the RisPort client and the simulators share vocabulary
// through lib/domain, never each other's logic).
export const layers = [
  ["lib/errors.ts", "lib/mask.ts"], // the one error type, secret masking
  ["lib/domain"], // pure vocabulary and rules: no I/O, no clock
  ["lib/soap"], // envelopes, hardened XML, transport
  ["lib/env.ts"],
  ["lib/log.ts"],
  ["lib/secrets"], // hashing and source-password sealing
  ["lib/cme", "lib/risport", "lib/axl", "lib/simulators"], // Cisco clients and the simulators
  ["lib/db"], // Prisma only
  ["lib/auth"],
  ["lib/api"], // route wrapper, envelope, contracts, CSV and Prometheus writers
  ["lib/alerts"],
  ["lib/inventory"], // polling, scheduling, change storage, effective state
  ["lib/server/demo"], // the running demo fleet, which services switch (branch WAN)
  ["lib/services"], // one module per API resource: what routes, pages and the CLI call
  ["lib/worker"], // the poll worker: scheduler, requests from the web, heartbeat, demo fleet
  ["lib/server", "lib/cli"],
  ["components"],
  ["app", "proxy.ts", "instrumentation.ts"],
];

// Browser code sees only vocabulary and the API's contracts.
const clientMayImport = ["lib/domain", "lib/api/contracts", "components"];

const flat = layers.flatMap((group, rank) => group.map((unit) => ({ unit, rank })));
const unitOf = (file) =>
  flat
    .filter(({ unit }) => file === unit || file.startsWith(`${unit}/`))
    .sort((a, b) => b.unit.length - a.unit.length)[0] ?? null;

const isTest = (file) => /\.(test|spec)\.tsx?$/.test(file) || file.startsWith("e2e/") || file.startsWith("bench/");
const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bvi\.mock\(\s*|\brequire\(\s*)["']([^"']+)["']/g;
const EXT = ["", ".ts", ".tsx", ".mjs", "/index.ts", "/index.tsx"];

function resolve(from, spec) {
  let base;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  return EXT.map((e) => base + e).find((c) => existsSync(path.join(root, c)) && !c.endsWith("/")) ?? base;
}

export function findViolations(files, read) {
  const problems = [];
  for (const file of files) {
    const text = read(file);
    for (const match of text.matchAll(SPEC)) {
      const target = resolve(file, match[1]);
      if (!target) continue;
      const why = violation(file, target);
      if (why) problems.push(`${file} imports ${match[1]}: ${why}`);
    }
  }
  return problems;
}

function violation(file, target) {
  if (target.startsWith("lib/testing/") && !isTest(file) && !file.startsWith("lib/testing/")) {
    return "test helpers are for tests only";
  }
  // A test helper drives the code under test through its own services, never through route files.
  if (file.startsWith("lib/testing/") && target.startsWith("app/")) return "test helpers do not import route handlers";
  if (isTest(file) || file.startsWith("lib/testing/")) return null;
  if (file.startsWith("components/") && !clientMayImport.some((p) => target.startsWith(`${p}/`) || target === p)) {
    return "browser components import only lib/domain and lib/api/contracts";
  }
  const from = unitOf(file);
  const to = unitOf(target);
  if (!from || !to || from.unit === to.unit) return null;
  if (to.rank < from.rank) return null;
  return to.rank === from.rank
    ? `${from.unit} and ${to.unit} are independent layers`
    : `${to.unit} is a layer above ${from.unit}`;
}

function sourceFiles() {
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !f.startsWith("lib/db/generated/") && existsSync(path.join(root, f)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes("--layers")) {
    layers.forEach((group, rank) => console.log(`${rank}: ${group.join(", ")}`));
    process.exit(0);
  }
  const files = sourceFiles();
  const problems = findViolations(files, (f) => readFileSync(path.join(root, f), "utf8"));
  for (const p of problems) console.log(p);
  console.log(
    problems.length === 0
      ? `imports: ${files.length} files, every import points down the layers`
      : `imports: ${problems.length} import(s) run up the layers`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}
