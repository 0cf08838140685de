// Shared by this folder's tests: raw XML requests over loopback with node's fetch (never lib/cme),
// and small readers for the raw replies.
import { XMLValidator } from "fast-xml-parser";
import type { CmeSimulator } from "@/lib/simulators/cme/index";

export const CREDENTIALS = { user: "cisco", password: "cisco" };

/** The seed's request envelope: no namespace declarations, xsi:type on <request>. */
export function envelope(method: string, inner = "", xsiType: string | null = method): string {
  const type = xsiType === null ? "" : ` xsi:type="${xsiType}"`;
  return `<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><request${type}><${method}>${inner}</${method}></request></axl></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export interface RawReply {
  status: number;
  headers: Headers;
  text: string;
}

export async function post(
  simulator: CmeSimulator,
  body: string,
  init: { auth?: string | null; path?: string; method?: string; signal?: AbortSignal } = {},
): Promise<RawReply> {
  const headers: Record<string, string> = { "Content-Type": "text/xml" };
  const auth = init.auth === undefined ? basicAuth(CREDENTIALS.user, CREDENTIALS.password) : init.auth;
  if (auth) headers.Authorization = auth;
  const method = init.method ?? "POST";
  const response = await fetch(`${simulator.url}${init.path ?? "/ios_xml_app/cme"}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : body,
    signal: init.signal,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Calls a method and insists on HTTP 200; returns the raw XML. */
export async function call(simulator: CmeSimulator, method: string, inner = ""): Promise<string> {
  const reply = await post(simulator, envelope(method, inner));
  if (reply.status !== 200) throw new Error(`${method}: HTTP ${reply.status}\n${reply.text}`);
  return reply.text;
}

/** Every text value of <tag>…</tag> in document order. */
export function valuesOf(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map((match) => match[1] ?? "");
}

export function countOf(xml: string, tag: string): number {
  return xml.split(`<${tag}>`).length - 1;
}

export function isWellFormed(xml: string): boolean {
  return XMLValidator.validate(xml) === true;
}

/** A clock tests move by hand, so 15 minutes of retention pass instantly. */
export function manualClock(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
