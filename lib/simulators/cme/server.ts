// The router's HTTP side: POST /ios_xml_app/cme with HTTP Basic, failure modes, latency and
// request counting, plus the optional JSON control endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { runControlAction, type CmeSimulatorControl } from "./control";
import {
  sendCut,
  sendDoctypeBomb,
  sendHtml,
  sendHtmlInsteadOfXml,
  sendServerError,
  sendSlowDrip,
  sendXml,
} from "./failures";
import { METHOD_HANDLERS } from "./methods";
import type { ResolvedOptions } from "./options";
import { branch, leaf, renderEnvelope, renderFault } from "./replies";
import { parseRequest, RequestFault, type MethodName } from "./request";
import type { RequestCounters, RuntimeSettings } from "./runtime";
import type { RouterState } from "./state";

export const XML_API_PATHS = new Set(["/ios_xml_app/cme", "/ios_xml_app/cme/"]);
export const CONTROL_PATH = "/__sim/control";
/** IOS's HTTP server asks for level-15 credentials. */
const REALM = "level_15_access";
const MAX_BODY_BYTES = 1024 * 1024;

export interface CmeServerParts {
  options: ResolvedOptions;
  state: RouterState;
  runtime: RuntimeSettings;
  counters: RequestCounters;
  control: CmeSimulatorControl;
}

export function createCmeServer(parts: CmeServerParts): Server {
  return createServer((req, res) => {
    handle(parts, req, res).catch(() => {
      if (!res.headersSent)
        sendHtml(res, 500, "500 Internal Server Error", "The server encountered an internal error.");
      else res.destroy();
    });
  });
}

async function handle(parts: CmeServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://router").pathname;
  if (path === CONTROL_PATH && parts.options.controlEndpoint) return handleControl(parts.control, req, res);
  if (!XML_API_PATHS.has(path)) {
    req.resume();
    return sendHtml(res, 404, "404 Not Found", "The requested URL was not found on this server.");
  }

  const { counters, runtime } = parts;
  counters.started();
  res.on("close", () => counters.finished());

  if (req.method !== "POST") {
    req.resume();
    return sendHtml(res, 405, "405 Method Not Allowed", "Only POST is supported.", { Allow: "POST" });
  }
  if (runtime.failure === "401" || !authorized(req, parts.options)) {
    req.resume();
    return sendHtml(res, 401, "401 Unauthorized", "Authorization required.", {
      "WWW-Authenticate": `Basic realm="${REALM}"`,
    });
  }
  const body = await readBody(req);
  if (body === null) return sendHtml(res, 413, "413 Request Entity Too Large", "The request is too large.");
  if (runtime.latencyMs > 0) await delay(runtime.latencyMs);
  if (res.destroyed) return;

  // Failures that happen before the router looks at the request.
  switch (runtime.failure) {
    case "500":
      return sendServerError(res);
    case "hang":
      return; // never answer; the socket closes when the client gives up or the simulator stops
    case "html":
      return sendHtmlInsteadOfXml(res, parts.options.router.hostname);
    case "doctype-bomb":
      return sendDoctypeBomb(res);
  }

  const answer = answerXml(parts, body);
  if (answer.status !== 200) return sendXml(res, answer.status, answer.xml);
  // Failures that lose a reply the router did produce (and whose side effects did happen).
  if (runtime.failure === "truncated") return sendCut(res, answer.xml);
  if (runtime.failure === "buffer-overflow" && answer.fullEntities > parts.options.overflowAfter)
    return sendCut(res, answer.xml);
  // Cisco warns that large routers overflow their XML buffer on `all`.
  const cutAbove = runtime.behaviour.cutAllAbove;
  if (answer.answersAll && cutAbove !== null && answer.fullEntities > cutAbove) return sendCut(res, answer.xml);
  if (runtime.failure === "slow-drip") return sendSlowDrip(res, answer.xml, parts.options.dripIntervalMs);
  return sendXml(res, 200, answer.xml);
}

function answerXml(
  parts: CmeServerParts,
  body: string,
): { status: number; xml: string; fullEntities: number; answersAll?: boolean } {
  const { runtime, state, options, counters } = parts;
  try {
    const request = parseRequest(body);
    counters.counted(request.method);
    state.settleRestarts();
    const refused = refusal(request.method, runtime);
    if (refused) return refused;
    const context = {
      state,
      dialect: runtime.dialect,
      quirks: runtime.quirks,
      router: options.router,
      xmlUser: options.xmlUser,
      behaviour: runtime.behaviour,
    };
    const reply = METHOD_HANDLERS[request.method](request.params, context);
    return {
      status: 200,
      xml: renderEnvelope(request.method, reply, runtime.dialect, runtime.quirks),
      fullEntities: reply.fullEntities,
      answersAll: reply.answersAll,
    };
  } catch (error) {
    if (!(error instanceof RequestFault)) throw error;
    return { status: 500, xml: renderFault(error.message), fullEntities: 0 };
  }
}

/** A method the newer guide dropped, refused the way `behaviour.refusal` says (nothing changes). */
function refusal(
  method: MethodName,
  runtime: RuntimeSettings,
): { status: number; xml: string; fullEntities: number } | null {
  const { refuse, refusal: how } = runtime.behaviour;
  if (!(refuse as readonly string[]).includes(method)) return null;
  if (how === "fault") return { status: 500, xml: renderFault(`unknown method ${method}`), fullEntities: 0 };
  // The ISError element a public client's model carries (ISErrorCode, ISErrorMsg); the code is our guess.
  const elements =
    how === "ISError"
      ? [branch("ISError", [leaf("ISErrorCode", 1), leaf("ISErrorMsg", `${method} is not supported`)])]
      : [];
  return {
    status: 200,
    xml: renderEnvelope(method, { sections: [{ elements }], fullEntities: 0 }, runtime.dialect, runtime.quirks),
    fullEntities: 0,
  };
}

function authorized(req: IncomingMessage, options: ResolvedOptions): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 && decoded.slice(0, colon) === options.xmlUser && decoded.slice(colon + 1) === options.xmlPassword;
}

/** The request body as text, or null when it is larger than any real request would be. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function handleControl(control: CmeSimulatorControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") {
    req.resume();
    return sendJson(res, 405, { error: { code: "method_not_allowed", message: "POST JSON here" } });
  }
  const body = await readBody(req);
  let json: unknown;
  try {
    json = JSON.parse(body ?? "");
  } catch {
    return sendJson(res, 400, { error: { code: "bad_json", message: "the body is not JSON" } });
  }
  const answer = runControlAction(control, json);
  sendJson(res, answer.status, answer.json);
}

function sendJson(res: ServerResponse, status: number, json: unknown): void {
  const text = JSON.stringify(json);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
