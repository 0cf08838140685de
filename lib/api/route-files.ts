// Finds the /api/v1 route files on disk and the path each serves, so tests and checks enumerate
// the real routes rather than a hand-written list.
import { readdirSync } from "node:fs";
import path from "node:path";

export interface RouteFile {
  file: string;
  /** OpenAPI-style path under /api/v1, e.g. "/users/{id}". */
  path: string;
}

/** Routes that answer without credentials on purpose. */
export const publicApiPaths = new Set(["/openapi.json"]);

export function apiRouteFiles(root = process.cwd()): RouteFile[] {
  const base = path.join(root, "app", "api", "v1");
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // The catch-all ([...unknown]) is the JSON 404 for paths no route serves, not an endpoint.
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("[...")) walk(full);
      } else if (entry.name === "route.ts") {
        const rel = path.relative(base, dir).split(path.sep).filter(Boolean);
        out.push({ file: full, path: `/${rel.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}` });
      }
    }
  };
  walk(base);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
