// Builds the OpenAPI 3.1 document from the route contracts, so the description cannot drift
// from what the handlers accept.
import { z } from "zod";
import { allContracts } from "./contracts";
import { errorEnvelopeSchema } from "./envelope";
import type { RouteContract } from "./contract";
import { permissionTable } from "@/lib/domain/roles";

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
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

function operation(c: RouteContract) {
  const who =
    c.permission === "signedIn" ? "any signed-in user or token" : `roles: ${permissionTable[c.permission].join(", ")}`;
  const content: Record<string, unknown> = { "application/json": { schema: toSchema(c.response, "output") } };
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
    parameters: [...parameters(c.params, "path"), ...parameters(c.query, "query")],
    ...(c.body
      ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(c.body, "input") } } } }
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
  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of allContracts) {
    paths[c.path] ??= {};
    paths[c.path]![c.method.toLowerCase()] = operation(c);
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
      schemas: { Error: toSchema(errorEnvelopeSchema, "output") },
    },
    paths,
  };
}
