// One SOAP-over-HTTP reply into a parsed document or the typed error it stands for: the rules the
// RisPort and AXL clients share (401/403 refused, 429/503 limited with Retry-After, a non-200
// without a fault is a protocol error). Each client says which faults are its own.
import { AuthError, ProtocolError, RateLimited } from "./errors";
import { parseXml } from "./parse";
import type { XmlObject } from "./read";
import type { XmlReply } from "./transport";

export function interpretSoapReply(reply: XmlReply, service: string, throwIfFault: (document: XmlObject) => void) {
  if (reply.status === 401 || reply.status === 403) throw new AuthError(reply.status);
  if (reply.status === 429 || reply.status === 503) {
    const seconds = Number(reply.headers["retry-after"]);
    throw new RateLimited(
      `HTTP ${reply.status} from ${service}`,
      Number.isFinite(seconds) ? seconds * 1000 : undefined,
    );
  }
  let document: ReturnType<typeof parseXml>;
  try {
    document = parseXml(reply.body);
  } catch (error) {
    if (reply.status !== 200 && error instanceof ProtocolError) {
      throw new ProtocolError(
        "http-status",
        `HTTP ${reply.status} from ${service} with a body that is not XML`,
        undefined,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  throwIfFault(document);
  if (reply.status !== 200)
    throw new ProtocolError("http-status", `HTTP ${reply.status} from ${service} without a SOAP fault`);
  return document;
}
