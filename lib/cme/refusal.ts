// A router that refuses a request without a SOAP fault: an `<ISError>` element (ISErrorCode,
// ISErrorMsg, as a public client's model of the newer API carries it) in any reply. Its codes are
// unverified, so the message is passed on as the router wrote it.
import { DeviceError, isXmlObject, type XmlObject } from "@/lib/soap";
import { text } from "./convert";

/** The router answered with ISError: what it said, and its code when it gave one. */
export class RouterRefusal extends DeviceError {
  readonly code: string | null;
  readonly method: string;

  constructor(method: string, code: string | null, message: string) {
    super(`answer ${method}`, message || (code ? `error ${code}` : ""));
    this.name = "RouterRefusal";
    this.code = code;
    this.method = method;
  }
}

/** The ISError element of a reply, if any: directly under <response> or inside a 2010+ wrapper. */
export function refusalIn(method: string, response: XmlObject): RouterRefusal | null {
  const wrappers = Object.entries(response)
    .filter(([name]) => !name.startsWith("@_"))
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
    .filter(isXmlObject);
  for (const node of [response, ...wrappers]) {
    const found = Object.entries(node).find(([name]) => name.toLowerCase() === "iserror");
    if (!found) continue;
    const block = Array.isArray(found[1]) ? found[1][0] : found[1];
    if (isXmlObject(block))
      return new RouterRefusal(method, text(block, "ISErrorCode"), text(block, "ISErrorMsg") ?? "");
    return new RouterRefusal(method, null, typeof block === "string" ? block.trim() : "");
  }
  return null;
}

/** True for an answer that refuses the method itself: ISError, a SOAP fault, an HTTP error. */
export function isRefusal(error: unknown): boolean {
  if (error instanceof RouterRefusal) return true;
  const kind = (error as { kind?: string } | null)?.kind;
  return kind === "fault" || kind === "device" || kind === "protocol";
}
