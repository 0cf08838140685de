// What the web server starts once, beside Next.js: the peer stamp and the route limiter, the key
// that seals source passwords, and (with LINEWATCH_WORKER=inline) the poll worker in this process.
// Under `npm start` the poll worker is a process of its own (scripts/start.mjs), so this process
// only reads and writes what people do.
import { currentKey } from "@/lib/secrets/source-passwords";
import { env } from "@/lib/env";
import { installPeerStamp } from "@/lib/auth/peer-stamp";
import { installRouteLimiter, routeLimiter } from "@/lib/api/limits";
import { startWorker, type PollWorker } from "@/lib/worker";

const holder = globalThis as unknown as { linewatchServer?: Promise<ServerParts> };

interface ServerParts {
  worker: PollWorker | null;
}

export function startServerParts(): Promise<ServerParts> {
  // Before the first request is served: client addresses come from the socket (issue 15 #1).
  installPeerStamp();
  // Poll now, refresh, tests and exports are limited in the running server (lib/api/limits.ts).
  if (!routeLimiter()) installRouteLimiter();
  holder.linewatchServer ??= start();
  return holder.linewatchServer;
}

async function start(): Promise<ServerParts> {
  currentKey({ create: true });
  // No signal handlers of our own: Next.js owns shutdown, and a dead worker's leases expire.
  return { worker: env().worker === "inline" ? await startWorker() : null };
}
