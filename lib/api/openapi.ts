// Builds the OpenAPI 3.1 document from the route contracts, so the description cannot drift
// from what the handlers accept. Named schemas (openapi-schemas.ts) go to components/schemas.
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { allContracts } from "./contracts";
import { errorEnvelopeSchema } from "./envelope";
import type { RouteContract } from "./contract";
import { schemaNames } from "./openapi-schemas";
import { permissionTable } from "@/lib/domain/roles";

type JsonSchema = Record<string, unknown>;
type Components = Record<string, JsonSchema>;

/**
 * Converts a schema, moving the named ones it holds into `components` and pointing at them with
 * $ref. What a client sends (input) and what it gets (output) differ (defaults are optional,
 * unknown keys allowed), so a named schema in a request is `<Name>Input`.
 */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Components): JsonSchema {
  const suffix = io === "input" ? "Input" : "";
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", metadata: schemaNames }) as JsonSchema;
  const { $schema: _drop, $defs, ...rest } = json as JsonSchema & { $defs?: Components };
  const refer = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(refer);
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) =>
        key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")
          ? [key, `#/components/schemas/${value.slice("#/$defs/".length)}${suffix}`]
          : [key, refer(value)],
      ),
    );
  };
  for (const [id, def] of Object.entries($defs ?? {})) {
    const name = `${id}${suffix}`;
    const component = refer(def) as JsonSchema;
    if (components[name] && !isDeepStrictEqual(components[name], component))
      throw new Error(`OpenAPI: the schema named ${name} converts two ways; name one schema object, not copies`);
    components[name] = component;
  }
  return refer(rest) as JsonSchema;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query", components: Components) {
  if (!schema) return [];
  const json = toSchema(schema, "input", components) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: s,
  }));
}

const errorStatuses: Record<string, string> = {
  "400": "The request is malformed (path, query or JSON)",
  "401": "No valid session or API token",
  "403": "The caller's role does not allow this, or a cross-site cookie request",
  "404": "Not found",
  "409": "Conflicts with the current state",
  "422": "The body failed validation",
  "429": "Rate limited; see Retry-After",
  "500": "Server error; quote the request id",
};

function operation(c: RouteContract, components: Components) {
  const who =
    c.permission === "signedIn" ? "any signed-in user or token" : `roles: ${permissionTable[c.permission].join(", ")}`;
  const content: Record<string, unknown> = {
    "application/json": { schema: toSchema(c.response, "output", components) },
  };
  for (const type of c.alsoProduces ?? []) content[type] = { schema: { type: "string" } };
  return {
    operationId: `${c.method.toLowerCase()}${c.path
      .replace(/[{}]/g, "")
      .split(/[/-]/)
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join("")}`,
    summary: c.summary,
    description: `Allowed for ${who}.`,
    tags: [c.tag],
    parameters: [...parameters(c.params, "path", components), ...parameters(c.query, "query", components)],
    ...(c.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toSchema(c.body, "input", components) } },
          },
        }
      : {}),
    responses: {
      [String(c.status ?? 200)]: c.status === 204 ? { description: "Done" } : { description: "Success", content },
      ...Object.fromEntries(
        Object.entries(errorStatuses).map(([code, description]) => [
          code,
          { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
    },
  };
}

export function openApiDocument() {
  const components: Components = {};
  toSchema(errorEnvelopeSchema, "output", components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of allContracts) {
    paths[c.path] ??= {};
    paths[c.path]![c.method.toLowerCase()] = operation(c, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Linewatch API",
      version: "1",
      description:
        'Phones, extensions and registration state of Cisco CME/SRST routers and Unified CM clusters. Authenticate with the session cookie or `Authorization: Bearer <token>` (create tokens with `npm run linewatch -- token create`). Errors use one envelope: `{ "error": { "code", "message" } }`.',
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
    paths,
  };
}
