// POSTing one XML request with a hard total deadline, a reply size cap, per-source TLS trust and
// HTTP Basic, only to an allowed target. Returns any status but 401/403 and 3xx for the caller to
// interpret (RisPort faults come with 500); a redirect is never followed. With a cookie jar, a
// session cookie the origin set is sent instead of the credentials; a 401 to it drops the cookies
// and the request is sent once more with Basic.
import { request } from "undici";
import { agentFor, type TlsTrust } from "./agents";
import type { CookieJar } from "./cookies";
import {
  AuthError,
  ProtocolError,
  TargetNotAllowedError,
  TimeoutError,
  TransportError,
  UnsafeInputError,
  isSoapError,
} from "./errors";
import { networkError } from "./network-errors";
import { activeTargetPolicy, hostRefusal } from "./targets";

export type { TlsTrust } from "./agents";

export interface PostXmlOptions {
  url: string;
  body: string;
  username?: string;
  password?: string;
  tls?: TlsTrust;
  soapAction?: string;
  contentType?: string;
  connectTimeoutMs?: number;
  /** Covers connect, headers and the whole body. */
  timeoutMs: number;
  /** Default 8 MiB. */
  maxReplyBytes?: number;
  signal?: AbortSignal;
  /** Session cookies of this source, per origin: reused instead of authenticating every request. */
  cookies?: CookieJar;
}

export interface XmlReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_MAX_REPLY_BYTES = 8 * 1024 * 1024;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function checkedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeInputError("address", "The device address is not a valid URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UnsafeInputError("address", "The device address must start with http:// or https://.");
  }
  if (url.username || url.password) {
    throw new UnsafeInputError("address", "The device address must not contain a user name or password.");
  }
  // A literal IP is connected without a lookup, so the agents' checked lookup never sees it.
  const refusal = hostRefusal(url.hostname, activeTargetPolicy());
  if (refusal !== undefined) throw new TargetNotAllowedError(refusal);
  return url;
}

/** The refusal of the agents' lookup, however deep undici wrapped it. */
function targetRefusalIn(error: unknown): TargetNotAllowedError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof TargetNotAllowedError) return current;
    current = current.cause;
  }
  return undefined;
}

function basicAuthorization(username: string, password: string): string {
  if (username.includes(":") || CONTROL_CHARACTERS.test(username)) {
    throw new UnsafeInputError("user name", "The user name contains characters that are not allowed.");
  }
  if (CONTROL_CHARACTERS.test(password)) {
    throw new UnsafeInputError("password", "The password contains line breaks or control characters.");
  }
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}

function requestHeaders(options: PostXmlOptions, cookie: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "text/xml; charset=utf-8",
    accept: "text/xml, application/soap+xml, */*;q=0.1",
  };
  if (CONTROL_CHARACTERS.test(headers["content-type"]!)) {
    throw new UnsafeInputError("content type", "An internal request header was malformed.");
  }
  if (options.soapAction !== undefined) {
    if (CONTROL_CHARACTERS.test(options.soapAction)) {
      throw new UnsafeInputError("SOAP action", "An internal request header was malformed.");
    }
    headers.soapaction = options.soapAction.startsWith('"') ? options.soapAction : `"${options.soapAction}"`;
  }
  if (options.username !== undefined) {
    // Checked even when a cookie stands in for them, so bad credentials fail the same way always.
    const authorization = basicAuthorization(options.username, options.password ?? "");
    if (cookie === undefined) headers.authorization = authorization;
  }
  if (cookie !== undefined) headers.cookie = cookie;
  return headers;
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** Drops a reply body we will not read; undici reports the destroy as an error event. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on("error", () => undefined);
  body.destroy();
}

/** The charset from Content-Type, else from the XML declaration (IOS may send Latin-1 without saying so in a header). */
function charsetOf(bytes: Buffer, contentType: string | undefined): string | undefined {
  const fromHeader = /charset="?([\w.:-]+)"?/i.exec(contentType ?? "")?.[1];
  if (fromHeader) return fromHeader;
  return /^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString("latin1"))?.[1];
}

function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  const charset = charsetOf(bytes, contentType);
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes); // unknown label: UTF-8 is the best guess
  }
}

/** Sends one request; see PostXmlOptions. Throws only typed SoapErrors. */
export async function postXml(options: PostXmlOptions): Promise<XmlReply> {
  const jar = options.cookies;
  if (!jar) return (await postOnce(options, undefined)).reply;
  const url = checkedUrl(options.url);
  const cookie = jar.header(url);
  try {
    const { reply, setCookies } = await postOnce(options, cookie);
    if (cookie !== undefined) jar.outcome(url, true);
    jar.store(url, setCookies);
    return reply;
  } catch (error) {
    // The session expired or the node restarted: forget it and authenticate again, once.
    if (cookie === undefined || !(error instanceof AuthError) || error.status !== 401) throw error;
    jar.clear(url);
    jar.outcome(url, false);
    const { reply, setCookies } = await postOnce(options, undefined);
    jar.store(url, setCookies);
    return reply;
  }
}

async function postOnce(
  options: PostXmlOptions,
  cookie: string | undefined,
): Promise<{ reply: XmlReply; setCookies: string[] }> {
  const url = checkedUrl(options.url);
  const headers = requestHeaders(options, cookie);
  const maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
  const connectTimeoutMs = options.connectTimeoutMs ?? Math.min(options.timeoutMs, 10_000);
  const dispatcher = agentFor(options.tls ?? { mode: "system" }, connectTimeoutMs);

  const controller = new AbortController();
  let stoppedBy: "deadline" | "caller" | undefined;
  const timer = setTimeout(() => {
    stoppedBy ??= "deadline";
    controller.abort();
  }, options.timeoutMs);
  const onCallerAbort = () => {
    stoppedBy ??= "caller";
    controller.abort();
  };
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });

  try {
    const response = await request(url, {
      method: "POST",
      headers,
      body: options.body,
      dispatcher,
      signal: controller.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const replyHeaders = flatHeaders(response.headers);
    const rawSetCookie = response.headers["set-cookie"];
    const setCookies = rawSetCookie === undefined ? [] : Array.isArray(rawSetCookie) ? rawSetCookie : [rawSetCookie];
    const status = response.statusCode;

    if (status === 401 || status === 403) {
      discard(response.body);
      throw new AuthError(status);
    }
    if (status >= 300 && status < 400) {
      discard(response.body);
      throw new ProtocolError("redirect", `HTTP ${status} redirect not followed`);
    }
    const declaredLength = Number(replyHeaders["content-length"]);
    if (Number.isFinite(declaredLength) && declaredLength > maxReplyBytes) {
      discard(response.body);
      throw new ProtocolError("too-large", `reply too large: ${declaredLength} bytes declared`);
    }

    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > maxReplyBytes) {
        discard(response.body);
        throw new ProtocolError("too-large", `reply too large: more than ${maxReplyBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return {
      reply: { status, headers: replyHeaders, body: decodeBody(Buffer.concat(chunks), replyHeaders["content-type"]) },
      setCookies,
    };
  } catch (error) {
    if (isSoapError(error)) throw error;
    const refused = targetRefusalIn(error);
    if (refused) throw refused;
    if (stoppedBy === "deadline") throw new TimeoutError("total", options.timeoutMs, { cause: error });
    if (stoppedBy === "caller") {
      throw new TransportError("request cancelled", "The request was cancelled.", "ABORT_ERR", { cause: error });
    }
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      throw new TimeoutError("total", options.timeoutMs, { cause: error });
    }
    throw networkError(error, connectTimeoutMs);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
}
