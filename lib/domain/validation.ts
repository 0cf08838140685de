// Turns zod failures and cross-field rule failures into the one validation error (422) that the
// API, the CLI and the pages show, naming the field.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { SourceRuleIssue } from "./source";

export interface FieldIssue {
  path: string;
  message: string;
}

export function validationFailed(issues: FieldIssue[]): AppError {
  const first = issues[0];
  return new AppError(
    "validation_failed",
    first ? `Invalid ${first.path}: ${first.message}` : "Invalid source settings.",
    { details: { issues } },
  );
}

export function fromRuleIssues(issues: SourceRuleIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** Parses or throws a 422 AppError (never a raw ZodError, which would surface as a 500). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(
    result.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "input", message: i.message })),
  );
}
