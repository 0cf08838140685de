// public/ is served as-is, outside the app's guards: the manifest must parse and name icons that
// exist at the sizes it claims, and the icons must load under the CSP ('self' only, no scripts).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const publicDir = fileURLToPath(new URL("../public", import.meta.url));
const read = (url: string) => readFileSync(path.join(publicDir, url.replace(/^\//, "")));

/** Width x height from a PNG's IHDR chunk (bytes 16-23). */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe("public assets", () => {
  const manifest = JSON.parse(read("/manifest.webmanifest").toString("utf8"));

  test("the web manifest names Linewatch and opens standalone at /", () => {
    expect(manifest).toMatchObject({
      name: "Linewatch",
      short_name: "Linewatch",
      start_url: "/",
      display: "standalone",
    });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  test("every manifest icon exists with the size and type it claims", () => {
    expect(manifest.icons.length).toBeGreaterThan(0);
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      expect(existsSync(path.join(publicDir, icon.src)), icon.src).toBe(true);
      if (icon.type === "image/png") expect(pngSize(read(icon.src)), icon.src).toBe(icon.sizes);
      else expect(icon.type).toBe("image/svg+xml");
    }
  });

  test("the layout's icons exist, and the SVGs carry no script or outside reference", () => {
    const layout = readFileSync(fileURLToPath(new URL("./layout.tsx", import.meta.url)), "utf8");
    const urls = [...layout.matchAll(/"(\/[\w.-]+\.(?:svg|png|webmanifest))"/g)].map((m) => m[1]!);
    expect(urls).toEqual(expect.arrayContaining(["/favicon.svg", "/manifest.webmanifest"]));
    for (const url of urls) expect(existsSync(path.join(publicDir, url)), url).toBe(true);
    for (const svg of ["/favicon.svg", "/logo.svg"]) {
      const text = read(svg).toString("utf8");
      expect(text).toMatch(/^<svg /);
      expect(text).not.toMatch(/<script|href="http|url\(http/i);
    }
  });
});
