// What the web server starts once, beside Next.js: the peer stamp and the route limiter, pending
// migrations and the first administrator, the key that seals source passwords, and (with
// LINEWATCH_WORKER=inline) the poll worker in this process. Under `npm start` the poll worker is a
// process of its own (scripts/start.mjs), so this process only reads and writes what people do.
import { currentKey } from "@/lib/secrets/source-passwords";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { applyMigrations } from "@/lib/db/migrate";
import { installPeerStamp } from "@/lib/auth/peer-stamp";
import { nextAuthOriginFromRequests } from "@/lib/auth/request-origin";
import { ensureFirstAdmin } from "@/lib/services/first-admin";
import { installRouteLimiter, routeLimiter } from "@/lib/api/limits";
import { startWorker, type PollWorker } from "@/lib/worker";

const holder = globalThis as unknown as { linewatchServer?: Promise<ServerParts> };

interface ServerParts {
  worker: PollWorker | null;
}

export function startServerParts(): Promise<ServerParts> {
  // Before the first request is served: client addresses come from the socket (issue 15 #1).
  installPeerStamp();
  nextAuthOriginFromRequests(env().nextAuthUrl);
  // Poll now, refresh, tests and exports are limited in the running server (lib/api/limits.ts).
  if (!routeLimiter()) installRouteLimiter();
  holder.linewatchServer ??= start();
  return holder.linewatchServer;
}

async function start(): Promise<ServerParts> {
  await prepareDatabase();
  currentKey({ create: true });
  // No signal handlers of our own: Next.js owns shutdown, and a dead worker's leases expire.
  return { worker: env().worker === "inline" ? await startWorker() : null };
}

/**
 * The standalone server started on its own (deploy/: systemd, a container) prepares its database
 * as `npm start`'s prepare step does; after that step there is nothing left to do here. One that
 * cannot (the database unreachable) stops: Next.js would go on answering every request with a 500,
 * while systemd or the container runtime start a stopped one again.
 */
async function prepareDatabase(): Promise<void> {
  try {
    const applied = await applyMigrations();
    if (applied.length > 0) log.info("database migrations applied", { migrations: applied });
    await ensureFirstAdmin();
  } catch (error) {
    log.error("the database could not be prepared: stopping", {
      error: error instanceof Error ? error.message : String(error),
    });
    process.exit(1);
  }
}
