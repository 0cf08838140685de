// Liveness for load balancers and orchestrators: the process answers. No sign-in, no details.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
