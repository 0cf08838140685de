// Stamps each incoming HTTP request with its socket's address before Next.js sees it. Next keeps a
// client's own X-Forwarded-* headers (it only adds them when absent), and route handlers get no
// socket: without this, a client could pick the address it is throttled and audited under.
import http, { type IncomingMessage } from "node:http";
import { env } from "@/lib/env";
import { PEER_HEADER, forwardedTrusted } from "./client-address";

const FORWARDED = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/** Overwrites the peer header; drops forwarded headers unless they came from a trusted proxy. */
export function stampPeer(
  request: IncomingMessage,
  config: { trustProxy: boolean; trustedProxies: string[] } = env(),
): void {
  const peer = request.socket?.remoteAddress ?? "unknown";
  request.headers[PEER_HEADER] = peer;
  if (!forwardedTrusted(peer, config)) for (const name of FORWARDED) delete request.headers[name];
}

const marker = Symbol.for("linewatch.peerStamp");

/** Once per process, for every http.Server (Next's included): idempotent. */
export function installPeerStamp(): void {
  const proto = http.Server.prototype as unknown as Record<PropertyKey, unknown> & {
    emit: (event: string | symbol, ...args: unknown[]) => boolean;
  };
  if (proto[marker]) return;
  const original = proto.emit;
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stampPeer(args[0] as IncomingMessage);
    return original.call(this, event, ...args);
  };
  proto[marker] = true;
}
