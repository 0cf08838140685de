// The web server's compression, over real HTTP on loopback: JSON replies are sent whole with their
// length, as they are below 1 KB and gzipped once per distinct body above it; other replies are
// streamed through Next.js's compression middleware; a client that does not take gzip gets the
// bytes as they are. The listeners write their replies the ways Next.js does (headers flushed
// before the body, writeHead with headers, one end with everything).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without type declarations
import * as compression from "./web-compression.mjs";

const { acceptsGzip, compressed, GzipCache, IMMUTABLE_BODIES, MIN_BYTES } = compression;

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(listener: Listener, cache = new GzipCache()): Promise<string> {
  const server = http.createServer(compressed(listener, { cache }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(url: string, encoding?: string, method = "GET") {
  const response = await request(url, {
    method: method as "GET",
    headers: encoding === undefined ? {} : { "accept-encoding": encoding },
  });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const gzipped = response.headers["content-encoding"] === "gzip";
  return {
    status: response.statusCode,
    headers: response.headers,
    raw,
    text: (gzipped ? gunzipSync(raw) : raw).toString("utf8"),
  };
}

const json = (n: number) =>
  JSON.stringify({ items: Array.from({ length: n }, (_, i) => ({ id: i, name: `phone ${i}` })) });

/** As Next.js sends a route handler's reply: headers set and flushed, then the body in chunks. */
const nextStyle =
  (body: () => string, type = "application/json", status = 200): Listener =>
  (_req, res) => {
    res.statusCode = status;
    res.setHeader("content-type", type);
    res.flushHeaders();
    const text = body();
    const half = Math.floor(text.length / 2);
    res.write(Buffer.from(text.slice(0, half)));
    res.end(new TextEncoder().encode(text.slice(half)));
  };

describe("acceptsGzip", () => {
  it("reads the codings and their quality", () => {
    expect(acceptsGzip("gzip, deflate")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("*;q=0.5, gzip;q=0")).toBe(false);
    expect(acceptsGzip("deflate, br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("compressed JSON replies", () => {
  it("sends a JSON reply under 1 KB as it is, with its length", async () => {
    const body = json(3);
    expect(body.length).toBeLessThan(MIN_BYTES);
    const url = await serve(nextStyle(() => body));
    const reply = await get(url, "gzip, deflate");
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(reply.headers.vary).toMatch(/Accept-Encoding/);
    expect(reply.text).toBe(body);
  });

  it("gzips a larger JSON reply whole, with the gzip's length", async () => {
    const body = json(400);
    const url = await serve(nextStyle(() => body));
    const reply = await get(url, "gzip, deflate");
    expect(reply.headers["content-encoding"]).toBe("gzip");
    expect(reply.headers["content-length"]).toBe(String(reply.raw.length));
    expect(reply.headers["transfer-encoding"]).toBeUndefined();
    expect(reply.raw.length).toBeLessThan(Buffer.byteLength(body));
    expect(reply.text).toBe(body);
  });

  it("gzips the same bytes once for every reader, and different bytes apart", async () => {
    let made = 0;
    const cache = new GzipCache({
      compress: async (b: Buffer) => {
        made++;
        return (await import("node:zlib")).gzipSync(b);
      },
    });
    let version = 1;
    const url = await serve(
      nextStyle(() => json(300 + version)),
      cache,
    );
    const together = await Promise.all(Array.from({ length: 5 }, () => get(url, "gzip")));
    const again = await get(url, "gzip");
    expect(new Set([...together, again].map((r) => r.text))).toEqual(new Set([json(301)]));
    expect(made).toBe(1);
    expect(cache.hits).toBe(5);
    version = 2;
    expect((await get(url, "gzip")).text).toBe(json(302));
    expect(made).toBe(2);
  });

  it("gzips a body the app marked as never changing once per buffer, without hashing it", async () => {
    // `made` is what /metrics exports as linewatch_web_json_gzips_made_total.
    const cache = new GzipCache();
    const marked = (globalThis as Record<symbol, WeakSet<ArrayBuffer>>)[IMMUTABLE_BODIES]!;
    const body = json(300);
    const shared = new TextEncoder().encode(body);
    marked.add(shared.buffer);
    // The same bytes in another marked buffer: a gzip of its own (by identity, not by content).
    const twin = new TextEncoder().encode(body);
    marked.add(twin.buffer);
    let which = shared;
    const url = await serve((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.flushHeaders();
      res.end(which);
    }, cache);
    const readers = await Promise.all(Array.from({ length: 4 }, () => get(url, "gzip")));
    expect(readers.map((r) => r.text)).toEqual(Array(4).fill(body));
    expect(readers[0]!.headers["content-encoding"]).toBe("gzip");
    expect(cache.made).toBe(1);
    expect(cache.hits).toBe(3);
    which = twin;
    expect((await get(url, "gzip")).text).toBe(body);
    expect(cache.made).toBe(2);
    // Neither went through the hashed (size-limited) cache: they live as long as their buffers.
    expect(cache.kept.size).toBe(0);
    // Unmarked bytes are hashed as before.
    which = new TextEncoder().encode(body);
    expect((await get(url, "gzip")).text).toBe(body);
    expect(cache.kept.size).toBe(1);
  });

  it("keeps at most the set number of gzips, the least recently used dropped first", async () => {
    const cache = new GzipCache({ entries: 2 });
    const a = Buffer.from(json(100));
    const b = Buffer.from(json(101));
    const c = Buffer.from(json(102));
    await cache.get(a);
    await cache.get(b);
    await cache.get(a); // a is now the most recent
    await cache.get(c); // b goes
    expect(cache.kept.size).toBe(2);
    await cache.get(a);
    expect(cache.hits).toBe(2);
    await cache.get(b);
    expect(cache.made).toBe(4);
    expect(cache.bytes).toBe([...cache.kept.values()].reduce((sum, e) => sum + e.size, 0));
  });

  it("keeps the status and the headers given to writeHead", async () => {
    const body = json(200);
    const url = await serve((_req, res) => {
      res.writeHead(201, { "content-type": "application/problem+json", "x-request-id": "r-1", vary: "Cookie" });
      res.end(body);
    });
    const reply = await get(url, "gzip");
    expect(reply.status).toBe(201);
    expect(reply.headers["x-request-id"]).toBe("r-1");
    expect(reply.headers.vary).toBe("Cookie, Accept-Encoding");
    expect(reply.headers["content-encoding"]).toBe("gzip");
    expect(reply.text).toBe(body);
  });

  it("sends a held reply once when it is ended twice", async () => {
    const body = json(200);
    const url = await serve((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(body);
      res.end("{}");
    });
    const reply = await get(url, "gzip");
    expect(reply.headers["content-encoding"]).toBe("gzip");
    expect(reply.text).toBe(body);
    // The server is still up and answers again.
    expect((await get(url, "gzip")).text).toBe(body);
  });

  it("sends JSON as it is to a client that does not take gzip, and to a HEAD request", async () => {
    const body = json(400);
    const url = await serve(nextStyle(() => body));
    for (const encoding of [undefined, "gzip;q=0", "identity"]) {
      const reply = await get(url, encoding);
      expect(reply.headers["content-encoding"]).toBeUndefined();
      expect(reply.raw.toString("utf8")).toBe(body);
    }
    const head = await get(url, "gzip", "HEAD");
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
  });

  it("leaves a reply alone that is already encoded or says no-transform", async () => {
    const body = json(400);
    const url = await serve((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/no-transform") res.setHeader("cache-control", "no-store, no-transform");
      res.end(body);
    });
    const reply = await get(`${url}/no-transform`, "gzip");
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.raw.toString("utf8")).toBe(body);
  });

  it("sends replies without a body (204, 304) untouched", async () => {
    const url = await serve((req, res) => {
      res.statusCode = req.url === "/304" ? 304 : 204;
      res.setHeader("content-type", "application/json");
      res.end();
    });
    expect((await get(`${url}/204`, "gzip")).status).toBe(204);
    expect((await get(`${url}/304`, "gzip")).status).toBe(304);
  });
});

describe("other replies", () => {
  it("streams a large page through the compression middleware, flushing what is written", async () => {
    const html = `<html>${"<p>phone</p>".repeat(500)}</html>`;
    let second!: () => void;
    const url = await serve((_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.flushHeaders();
      res.write(html.slice(0, 3000));
      (res as unknown as { flush: () => void }).flush();
      second = () => res.end(html.slice(3000));
    });
    const response = await request(url, { headers: { "accept-encoding": "gzip" } });
    expect(response.headers["content-encoding"]).toBe("gzip");
    // The first part arrives before the rest is written: the stream is not held back.
    const reader = response.body[Symbol.asyncIterator]();
    const first = await reader.next();
    expect(first.done).toBe(false);
    second();
    const parts = [first.value as Buffer];
    for (let next = await reader.next(); !next.done; next = await reader.next()) parts.push(next.value as Buffer);
    expect(gunzipSync(Buffer.concat(parts)).toString("utf8")).toBe(html);
  });

  it("sends a small page with its length as it is", async () => {
    const url = await serve((_req, res) => {
      res.setHeader("content-type", "text/plain");
      res.end("ok");
    });
    const reply = await get(url, "gzip");
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.text).toBe("ok");
  });
});
