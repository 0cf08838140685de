// `npm test`: static checks first (Biome's format and lint check, the import-direction check), then
// unit tests, integration tests (real simulators over loopback, real database),
// Playwright e2e against the built app in a real browser, then the reliability report (hostile
// replies, load, SQLite contention, secrets in the database, logs and the bundle just built: one
// table, each pass/fail row counted). Ends with one "N passed, N failed" line.
// `--only checks|unit|integration|e2e|reliability` runs one lane (CI reruns integration against PostgreSQL).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const out = path.join(root, "test-results");
mkdirSync(out, { recursive: true });
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;

if (!existsSync(path.join(root, "lib/db/generated/sqlite/client.ts"))) {
  spawnSync(process.execPath, ["scripts/prisma-schemas.mjs"], { cwd: root, stdio: "inherit" });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lanes = [];

// Each check is one pass/fail row; a failing one names itself and how to see or fix it locally.
function checksLane() {
  const checks = [
    [
      "format and lint (biome ci)",
      bin("biome"),
      ["ci", "."],
      "run `npm run lint` to see each finding, `npm run format` to fix formatting",
    ],
    [
      "import direction",
      process.execPath,
      ["scripts/check-imports.mjs"],
      "each import printed above runs up a layer (README.md, Architecture)",
    ],
  ];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const [name, command, args, hint] of checks) {
    // Guarded so a tree without the script (or without Biome installed) says so instead of crashing.
    const missing = [command, ...args.filter((a) => a.endsWith(".mjs")).map((a) => path.join(root, a))].find(
      (file) => !existsSync(file),
    );
    if (missing) {
      console.log(`checks: ${name} FAILED: ${path.relative(root, missing)} is missing`);
      counts.failed++;
      continue;
    }
    const run = spawnSync(command, args, { cwd: root, stdio: "inherit" });
    if (run.status === 0) counts.passed++;
    else {
      console.log(`checks: ${name} FAILED (${hint})`);
      counts.failed++;
    }
  }
  return counts;
}

function vitestLane(project) {
  const report = path.join(out, `vitest-${project}.json`);
  rmSync(report, { force: true });
  const run = spawnSync(
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
  );
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    counts.passed = json.numPassedTests ?? 0;
    // A failing test counts once. numFailedTestSuites also counts every describe block around it,
    // so only files that failed without a failing test (an import error, a failing hook) add one.
    const brokenFiles = (json.testResults ?? []).filter(
      (file) => file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed"),
    ).length;
    counts.failed = (json.numFailedTests ?? 0) + brokenFiles;
    counts.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function e2eLane() {
  const report = path.join(out, "playwright.json");
  rmSync(report, { force: true });
  const run = spawnSync(bin("playwright"), ["test", "--reporter=list,json"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  });
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
    counts.passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
    counts.failed = stats.unexpected ?? 0;
    counts.skipped = stats.skipped ?? 0;
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function reliabilityLane() {
  const run = spawnSync(bin("tsx"), ["--conditions=react-server", "bench/reliability.ts", "--quick"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const text = run.stdout?.toString() ?? "";
  process.stdout.write(text);
  const verdicts = text
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .map((line) => line.split("|").at(-2)?.trim());
  const counts = {
    passed: verdicts.filter((v) => v === "pass").length,
    failed: verdicts.filter((v) => v === "fail" || v === "FAIL").length,
    skipped: verdicts.filter((v) => v === "skipped").length,
  };
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

const plan = [
  ["checks", checksLane],
  ["unit", () => vitestLane("unit")],
  ["integration", () => vitestLane("integration")],
  ["e2e", e2eLane],
  ["reliability", reliabilityLane],
].filter(([name]) => !only || only === name);

for (const [name, runLane] of plan) {
  console.log(`\n=== ${name === "checks" ? "checks" : `${name} tests`} ===`);
  const counts = runLane();
  lanes.push([name, counts]);
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}

console.log("\n=== summary ===");
for (const [name, c] of lanes) console.log(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
