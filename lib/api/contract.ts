// A route's contract: method, path, permission and zod schemas. Route handlers are built from it
// (lib/api/route.ts) and so is the OpenAPI document (lib/api/openapi.ts): one source for both.
import type { z } from "zod";
import type { Action } from "@/lib/domain/roles";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RouteContract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** OpenAPI-style path under /api/v1, e.g. "/users/{id}". */
  path: string;
  summary: string;
  tag: string;
  /** An action of the permission table, or "signedIn" for anyone authenticated. */
  permission: Action | "signedIn";
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /** Extra content types the route can answer with (e.g. text/csv). */
  alsoProduces?: string[];
  /**
   * A GET whose answer is the same for every caller its permission admits: identical requests in
   * flight at once share one read (lib/api/shared-reads.ts).
   */
  shared?: true;
  /**
   * With `shared`: an answer is also given to identical requests arriving this long after its
   * read started (unless a write of this process finished since), so a view everyone refreshes
   * is worked out at most once per this time per query. Only for answers that are fine this stale.
   */
  reuseMs?: number;
}

/** Keeps the exact shape (which schemas are present) so handlers get precise types. */
export function defineContract<const C extends RouteContract>(contract: C): C {
  return contract;
}
