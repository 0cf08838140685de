// Next.js calls register() once when the server starts: Linewatch's own background parts start
// here, in the Node.js runtime only, and never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerParts } = await import("./lib/server/start");
  await startServerParts();
}
