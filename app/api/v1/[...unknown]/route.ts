// Any path under /api/v1 no route claims: a 404 in the JSON envelope API clients parse, not the
// HTML page. Deliberately before authentication: it says nothing about what exists.
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/envelope";

function notFound(): Response {
  return errorResponse(
    new AppError("not_found", "No such API endpoint. The list is at /api/v1/openapi.json."),
    crypto.randomUUID(),
  );
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
