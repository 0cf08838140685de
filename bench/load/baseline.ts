// The previous release, built once per commit: a git worktree under the temp directory with the
// main tree's node_modules, its Prisma clients and its `next build`, kept for the next run.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const git = (cwd: string, args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

function run(cwd: string, command: string, args: string[], say: (line: string) => void): void {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    say(((result.stdout ?? "") + (result.stderr ?? "")).trim().split("\n").slice(-15).join("\n"));
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed in ${cwd} (${result.status})`);
  }
}

/** The checkout of `ref`, built; returns its directory and commit. */
export function preparedBaseline(
  mainRoot: string,
  ref: string,
  say: (line: string) => void,
): { root: string; commit: string } {
  const commit = git(mainRoot, ["rev-parse", `${ref}^{commit}`]);
  const root = path.join(tmpdir(), "linewatch-bench-load", `baseline-${commit}`);
  if (!existsSync(path.join(root, "package.json"))) {
    say(`baseline: git worktree add ${root} (${commit.slice(0, 7)})`);
    git(mainRoot, ["worktree", "prune"]);
    git(mainRoot, ["worktree", "add", "--detach", root, commit]);
  }
  const modules = path.join(root, "node_modules");
  if (!existsSync(modules)) {
    // Turbopack resolves nothing outside the project root, so a symlink to the main tree's
    // node_modules fails the build ("Could not find the Next.js package"): a hard-linked copy
    // (same files, no extra space, instant) stands in for it.
    try {
      execFileSync("cp", ["-al", path.join(mainRoot, "node_modules"), modules]);
    } catch {
      symlinkSync(path.join(mainRoot, "node_modules"), modules, "dir");
    }
  }
  if (!existsSync(path.join(root, "lib/db/generated/sqlite/client.ts"))) {
    say("baseline: node scripts/prisma-schemas.mjs");
    run(root, process.execPath, ["scripts/prisma-schemas.mjs"], say);
  }
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    say("baseline: next build (once per commit; minutes on two cores)");
    run(root, path.join(modules, ".bin", "next"), ["build"], say);
  } else say(`baseline: reusing the build of ${commit.slice(0, 7)} in ${root}`);
  return { root, commit };
}
