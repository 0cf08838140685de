// The built app's server actions, read from the build that e2e serves (the unit scan in
// lib/api/server-actions.test.ts reviews every "use server" source file; this closes the loop on
// what the build actually registered). Each action the build registers must come from a source
// file with a "use server" directive, which that scan found and demanded a reviewed guard for.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

test("the build registers server actions only from reviewed 'use server' files", ({}, testInfo) => {
  const root = path.join(path.dirname(testInfo.file), "..");
  const manifestPath = path.join(root, ".next/server/server-reference-manifest.json");
  expect(existsSync(manifestPath), "e2e runs against a fresh build, which writes this manifest").toBe(true);
  const built = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node?: Record<string, { filename?: string }>;
    edge?: Record<string, { filename?: string }>;
  };
  const entries = [...Object.values(built.node ?? {}), ...Object.values(built.edge ?? {})];
  const unreviewed = entries
    .map((entry) => entry.filename ?? "(no file name)")
    .filter((file) => {
      const source = path.join(root, file.replace(/^\.\//, ""));
      return !existsSync(source) || !readFileSync(source, "utf8").includes("use server");
    });
  expect(unreviewed, "actions in .next without a scanned 'use server' source: teach the unit scan their form").toEqual(
    [],
  );
});
