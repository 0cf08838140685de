// The standalone output is completed once per build: client assets and public/ copied beside
// server.js, and left alone on the next start of the same build.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without type declarations
import { assembleStandalone } from "./standalone.mjs";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function project(buildId: string, standalone = true): string {
  const root = mkdtempSync(path.join(tmpdir(), "linewatch-assemble-"));
  roots.push(root);
  write(path.join(root, ".next/BUILD_ID"), buildId);
  write(path.join(root, ".next/static/chunks/app.js"), `// ${buildId}`);
  write(path.join(root, "public/favicon.svg"), "<svg/>");
  if (standalone) write(path.join(root, ".next/standalone/server.js"), "");
  return root;
}

describe("assembleStandalone", () => {
  it("copies the client assets and public/ beside server.js", () => {
    const root = project("build-1");
    expect(assembleStandalone(root)).toBe(path.join(root, ".next/standalone/server.js"));
    expect(readFileSync(path.join(root, ".next/standalone/.next/static/chunks/app.js"), "utf8")).toBe("// build-1");
    expect(existsSync(path.join(root, ".next/standalone/public/favicon.svg"))).toBe(true);
  });

  it("copies once per build", () => {
    const root = project("build-1");
    assembleStandalone(root);
    rmSync(path.join(root, ".next/standalone/public"), { recursive: true });
    assembleStandalone(root);
    expect(existsSync(path.join(root, ".next/standalone/public"))).toBe(false);

    write(path.join(root, ".next/BUILD_ID"), "build-2");
    write(path.join(root, ".next/static/chunks/app.js"), "// build-2");
    assembleStandalone(root);
    expect(readFileSync(path.join(root, ".next/standalone/.next/static/chunks/app.js"), "utf8")).toBe("// build-2");
    expect(existsSync(path.join(root, ".next/standalone/public/favicon.svg"))).toBe(true);
  });

  it("puts Linewatch's server.js, with the web admission and compression beside it, in front of Next.js's own", () => {
    const root = project("build-1");
    write(path.join(root, ".next/standalone/server.js"), "// Next.js's standalone server\n");
    const server = assembleStandalone(root);
    const standalone = path.join(root, ".next/standalone");
    expect(readFileSync(path.join(standalone, "next-server.js"), "utf8")).toBe("// Next.js's standalone server\n");
    const entry = readFileSync(server, "utf8");
    expect(entry).toMatch(
      /installCompression\(\);\ninstallAdmission\(limit\);\nawait import\("\.\/next-server\.js"\);/,
    );
    for (const script of ["web-admission.mjs", "web-compression.mjs"])
      expect(readFileSync(path.join(standalone, script), "utf8")).toBe(
        readFileSync(path.join(import.meta.dirname, script), "utf8"),
      );
    // Again (a second start of the same build): Next.js's server is not replaced by the entry.
    assembleStandalone(root);
    expect(readFileSync(path.join(standalone, "next-server.js"), "utf8")).toBe("// Next.js's standalone server\n");
    expect(readFileSync(server, "utf8")).toBe(entry);
    // A new build writes Next.js's server.js again: it becomes next-server.js in turn.
    write(path.join(root, ".next/BUILD_ID"), "build-2");
    write(path.join(standalone, "server.js"), "// build 2's server\n");
    assembleStandalone(root);
    expect(readFileSync(path.join(standalone, "next-server.js"), "utf8")).toBe("// build 2's server\n");
    expect(readFileSync(server, "utf8")).toBe(entry);
  });

  it("answers null for a build without standalone output", () => {
    expect(assembleStandalone(project("build-1", false))).toBeNull();
  });
});
