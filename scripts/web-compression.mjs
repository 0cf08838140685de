// Compression of the web server's replies (issue #16), in place of Next.js's own (compress: false
// in next.config.ts).
//
// Next.js drops a route handler's Content-Length and sends the headers before the body, so its
// compression middleware never knows a reply's size: it gzipped every JSON reply, even /me's ~120
// bytes, through a zlib stream of its own, and a shared answer (lib/api/shared-reads.ts) once per
// reader. In bench:load that was a large share of the server's work (idle throughput 1.3-1.6 times
// higher when the clients did not ask for gzip). Here a JSON reply is held until it is complete
// (Next.js has it whole in memory anyway), then sent as it is below MIN_BYTES, or gzipped once per
// distinct body: readers of the same bytes get the same gzip, made by zlib off the event loop.
// Everything else (pages, RSC streams, CSV exports, assets) goes through Next.js's own compression
// middleware as before, streamed and flushed.
//
// Plain JavaScript outside the bundle, like web-admission.mjs: scripts/standalone.mjs copies it
// beside the standalone server.js, which installs it before Next.js starts.
import { createHash } from "node:crypto";
import http from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import compression from "next/dist/compiled/compression/index.js";

/** Below this many bytes a reply goes as it is: gzip's header and the work cost more than it saves. */
export const MIN_BYTES = 1024;
/** Gzipped bodies kept for readers of the same bytes: at most this many, and this many bytes. */
export const CACHE_ENTRIES = 128;
export const CACHE_BYTES = 16 * 1024 * 1024;
/** application/json and its structured suffixes (application/problem+json). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
/** Where a caller may read how the kept gzips served (hits, made, bytes kept). */
const STATE = Symbol.for("linewatch.web-compression");
/**
 * The ArrayBuffers of bodies the app has promised never to change (the shared answers of
 * lib/api/shared-reads.ts, which registers them here). A reply that is one such buffer whole gets
 * its gzip by identity, kept for as long as the buffer lives: no reader pays for hashing it.
 * Hashing was ~5% of the web's busy time with 50 clients on the overview (~0.1 ms per reader of
 * its ~150 KB at 202 sources).
 */
export const IMMUTABLE_BODIES = Symbol.for("linewatch.immutable-bodies");
globalThis[IMMUTABLE_BODIES] ??= new WeakSet();

const isJson = (res) => {
  const type = res.getHeader("content-type");
  return typeof type === "string" && JSON_TYPE.test(type);
};

/**
 * Whether the client takes gzip: "gzip" or "*" with a quality above 0, gzip's own entry deciding
 * when both are listed (RFC 9110 12.5.3).
 */
export function acceptsGzip(header) {
  if (typeof header !== "string" || header === "") return false;
  let gzipQ;
  let anyQ;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().split(";");
    const coding = name.trim().toLowerCase();
    if (coding !== "gzip" && coding !== "x-gzip" && coding !== "*") continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=").map((s) => s.trim());
      if (key.toLowerCase() === "q") q = Number(value);
    }
    if (!Number.isFinite(q)) q = 0;
    if (coding === "*") anyQ = q;
    else gzipQ = Math.max(gzipQ ?? 0, q);
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

const gzipAsync = promisify(gzip);

/**
 * Gzipped bodies by the digest of their bytes, newest use last; a body being gzipped is shared
 * by the readers that ask meanwhile. `compress` is zlib's gzip unless a test counts calls.
 */
export class GzipCache {
  constructor({ entries = CACHE_ENTRIES, bytes = CACHE_BYTES, compress = gzipAsync } = {}) {
    this.maxEntries = entries;
    this.maxBytes = bytes;
    this.compress = compress;
    this.kept = new Map();
    /** Gzips of immutable bodies, by their ArrayBuffer: gone with it, so outside the limits. */
    this.byBuffer = new WeakMap();
    this.bytes = 0;
    this.hits = 0;
    this.made = 0;
  }

  /** The gzip of `body` (a Buffer), from the cache or made now. */
  get(body) {
    const buffer = body.buffer;
    if (body.byteOffset === 0 && body.byteLength === buffer.byteLength && globalThis[IMMUTABLE_BODIES]?.has(buffer)) {
      const known = this.byBuffer.get(buffer);
      if (known) {
        this.hits++;
        return known;
      }
      this.made++;
      const gzipped = this.compress(body);
      this.byBuffer.set(buffer, gzipped);
      gzipped.catch(() => this.byBuffer.delete(buffer));
      return gzipped;
    }
    const key = createHash("sha1").update(body).digest("base64");
    const entry = this.kept.get(key);
    if (entry) {
      this.hits++;
      this.kept.delete(key);
      this.kept.set(key, entry);
      return entry.gzipped;
    }
    this.made++;
    const made = { gzipped: this.compress(body), size: 0 };
    this.kept.set(key, made);
    made.gzipped.then(
      (out) => {
        if (this.kept.get(key) !== made) return;
        made.size = out.length;
        this.bytes += out.length;
        this.trim();
      },
      () => {
        if (this.kept.get(key) === made) this.kept.delete(key);
      },
    );
    this.trim();
    return made.gzipped;
  }

  /** Drops the least recently used until both limits hold. */
  trim() {
    for (const [key, entry] of this.kept) {
      if (this.kept.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.kept.delete(key);
      this.bytes -= entry.size;
    }
  }
}

/**
 * Holds a JSON reply to a client that takes gzip until it is complete, then sends it with its
 * length: as it is below `minBytes`, else gzipped through `cache`. Other replies are untouched.
 * Works on `res` before anything else wraps it, so Next.js's calls (setHeader, flushHeaders,
 * write, end) and the compression middleware's (writeHead, write, end) all pass through here.
 */
function holdJson(res, cache, minBytes) {
  const original = {
    writeHead: res.writeHead,
    write: res.write,
    end: res.end,
    flushHeaders: res.flushHeaders,
  };
  let mode; // "hold" | "pass", decided when the headers would first go out
  let sending = false;
  let ended = false;
  const chunks = [];
  let size = 0;

  const decide = () => {
    mode ??=
      isJson(res) &&
      !res.getHeader("content-encoding") &&
      !NO_TRANSFORM.test(String(res.getHeader("cache-control") ?? "")) &&
      res.statusCode !== 204 &&
      res.statusCode !== 304
        ? "hold"
        : "pass";
    return mode;
  };
  const take = (chunk, encoding) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8");
    chunks.push(buffer);
    size += buffer.length;
  };

  res.writeHead = function writeHead(status, ...rest) {
    if (sending || mode === "pass") return original.writeHead.call(this, status, ...rest);
    // Held: the status and headers are recorded now and go out with the body.
    const reason = typeof rest[0] === "string" ? rest.shift() : undefined;
    const headers = rest[0];
    this.statusCode = status;
    if (reason) this.statusMessage = reason;
    if (Array.isArray(headers)) {
      const pairs = Array.isArray(headers[0]) ? headers : [];
      if (!pairs.length) for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([headers[i], headers[i + 1]]);
      for (const [name, value] of pairs) this.setHeader(name, value);
    } else if (headers) for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    if (decide() === "pass") return original.writeHead.call(this, status, ...(reason ? [reason] : []));
    return this;
  };

  res.flushHeaders = function flushHeaders() {
    if (!sending && decide() === "hold") return;
    return original.flushHeaders.call(this);
  };

  res.write = function write(chunk, encoding, callback) {
    if (sending || decide() === "pass") return original.write.call(this, chunk, encoding, callback);
    take(chunk, encoding);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done);
    return true;
  };

  res.end = function end(chunk, encoding, callback) {
    if (sending || decide() === "pass") return original.end.call(this, chunk, encoding, callback);
    // A second end while the gzip is made would send twice (and set headers already sent).
    if (ended) return this;
    ended = true;
    take(chunk, encoding);
    const done = [chunk, encoding, callback].find((a) => typeof a === "function");
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    const send = (bytes, gzipped) => {
      sending = true;
      if (gzipped) this.setHeader("content-encoding", "gzip");
      this.setHeader("content-length", bytes.length);
      original.end.call(this, bytes, done);
    };
    // Vary whatever is sent: a cache must not give this form to a client that asked otherwise.
    const vary = String(this.getHeader("vary") ?? "");
    if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary))
      this.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    if (size < minBytes) send(body, false);
    else
      cache.get(body).then(
        (gzipped) => send(gzipped, true),
        () => send(body, false),
      );
    return this;
  };
}

/**
 * Wraps an HTTP request listener so that its replies are compressed as this module says: JSON by
 * holdJson, the rest by Next.js's compression middleware (streamed, at least `minBytes` when the
 * length is known).
 */
export function compressed(listener, { minBytes = MIN_BYTES, cache = new GzipCache() } = {}) {
  const others = compression({
    threshold: minBytes,
    filter: (req, res) => !isJson(res) && compression.filter(req, res),
  });
  globalThis[STATE] = cache;
  return function compress(req, res) {
    if (req.method !== "HEAD" && acceptsGzip(req.headers["accept-encoding"])) holdJson(res, cache, minBytes);
    others(req, res, () => listener(req, res));
  };
}

/** Makes the HTTP servers this process creates from now on compress their replies. */
export function installCompression() {
  const create = http.createServer;
  http.createServer = function createCompressingServer(...args) {
    const at = args.findIndex((a) => typeof a === "function");
    if (at >= 0) args[at] = compressed(args[at]);
    return create.apply(this, args);
  };
}
