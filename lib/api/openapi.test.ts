import { describe, expect, test } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openApiDocument } from "./openapi";
import { allContracts } from "./contracts";

describe("OpenAPI document", () => {
  test("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument() as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  test("describes every contract with its permission and error envelope", () => {
    const doc = openApiDocument();
    for (const c of allContracts) {
      const op = doc.paths[c.path]?.[c.method.toLowerCase()] as
        | { description: string; responses: Record<string, unknown> }
        | undefined;
      expect(op, `${c.method} ${c.path}`).toBeDefined();
      expect(op!.responses["401"]).toBeDefined();
      expect(op!.description).toMatch(/Allowed for/);
    }
  });
});
