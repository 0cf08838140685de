// Readiness for load balancers: 200 when the database answers, every migration is applied and this
// instance's poll scheduler ticks; 503 otherwise. No sign-in; only check names and states.
import { readiness } from "@/lib/services/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const result = await readiness();
  return Response.json(
    { status: result.ready ? "ready" : "not-ready", checks: result.checks },
    { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
