// Typed failures of every SOAP/XML exchange with a Cisco box. Each carries a plain-words
// `userMessage` a helpdesk user may see: never raw XML, never credentials, never a stack trace.

export type SoapErrorKind =
  | "auth"
  | "timeout"
  | "transport"
  | "protocol"
  | "fault"
  | "rate-limited"
  | "device"
  | "unsafe-input";

const MAX_QUOTED_TEXT = 200;

/**
 * Turns device- or server-supplied text into something safe to quote to a user: no markup,
 * no control characters, one line, bounded length. Remote text is untrusted.
 */
export function plainText(value: string | undefined | null): string {
  if (!value) return "";
  const flat = value
    .replace(/<[^>]*>?/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/[<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > MAX_QUOTED_TEXT ? `${flat.slice(0, MAX_QUOTED_TEXT - 1)}…` : flat;
}

export abstract class SoapError extends Error {
  abstract readonly kind: SoapErrorKind;
  /** Safe to show a helpdesk user. `message` is for logs and may hold more detail. */
  readonly userMessage: string;

  constructor(message: string, userMessage: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.userMessage = userMessage;
  }
}

/** HTTP 401 or 403: the box refused the user name or password, or the rights. */
export class AuthError extends SoapError {
  readonly kind = "auth" as const;
  readonly status: number;

  constructor(status: number, options?: { cause?: unknown }) {
    super(
      `HTTP ${status} from server`,
      status === 403
        ? "The device refused access: the account lacks the rights for this request."
        : "The device refused the user name or password.",
      options,
    );
    this.status = status;
  }
}

/** The connect deadline or the total deadline of one request passed. */
export class TimeoutError extends SoapError {
  readonly kind = "timeout" as const;
  readonly phase: "connect" | "total";
  readonly timeoutMs: number;

  constructor(phase: "connect" | "total", timeoutMs: number, options?: { cause?: unknown }) {
    super(
      `${phase === "connect" ? "connect" : "request"} timed out after ${timeoutMs} ms`,
      phase === "connect" ? "The device did not accept a connection in time." : "The device did not answer in time.",
      options,
    );
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The network failed before a reply arrived: refused, reset, DNS, TLS. Keeps the errno code. */
export class TransportError extends SoapError {
  readonly kind = "transport" as const;
  readonly code: string | undefined;

  constructor(message: string, userMessage: string, code?: string, options?: { cause?: unknown }) {
    super(message, userMessage, options);
    this.code = code;
  }
}

export type ProtocolProblem =
  | "not-xml"
  | "doctype"
  | "too-large"
  | "too-deep"
  | "truncated"
  | "unexpected-shape"
  | "redirect"
  | "http-status";

/** The reply was not what the protocol promises: not XML, DOCTYPE, too big, cut, wrong shape. */
export class ProtocolError extends SoapError {
  readonly kind = "protocol" as const;
  readonly problem: ProtocolProblem;

  constructor(problem: ProtocolProblem, message: string, userMessage?: string, options?: { cause?: unknown }) {
    super(message, userMessage ?? PROTOCOL_USER_MESSAGES[problem], options);
    this.problem = problem;
  }
}

const PROTOCOL_USER_MESSAGES: Record<ProtocolProblem, string> = {
  "not-xml": "The device sent a reply that is not XML.",
  doctype: "The device sent a reply with a document type declaration, which is refused for safety.",
  "too-large": "The device sent a reply that is too large.",
  "too-deep": "The device sent a reply that is nested too deeply.",
  truncated: "The device sent a reply that was cut off.",
  "unexpected-shape": "The device sent a reply in an unexpected format.",
  redirect: "The device answered with a redirect, which is not followed.",
  "http-status": "The device answered with an unexpected HTTP status.",
};

/** A SOAP Fault element: the server understood the request and refused it. */
export class SoapFault extends SoapError {
  readonly kind = "fault" as const;
  readonly faultCode: string;
  readonly faultString: string;

  constructor(faultCode: string, faultString: string, options?: { cause?: unknown }) {
    const said = plainText(faultString);
    super(
      `SOAP fault ${faultCode}: ${faultString}`,
      said ? `The server reported an error: ${said}` : "The server reported an error.",
      options,
    );
    this.faultCode = faultCode;
    this.faultString = faultString;
  }
}

/** The server's request budget is spent; wait before asking again. */
export class RateLimited extends SoapError {
  readonly kind = "rate-limited" as const;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number, options?: { cause?: unknown }) {
    super(message, "The server is limiting how often it may be asked; the next try waits.", options);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The device answered but refused: a false result with its message, or a configuration line
 * that failed (`failedLine` is 1-based; lines before it were applied).
 */
export class DeviceError extends SoapError {
  readonly kind = "device" as const;
  readonly deviceMessage: string;
  readonly failedLine: number | undefined;

  constructor(action: string, deviceMessage: string, options?: { failedLine?: number; cause?: unknown }) {
    const said = plainText(deviceMessage);
    const where = options?.failedLine === undefined ? "" : ` at line ${options.failedLine}`;
    super(
      `${action} refused${where}: ${deviceMessage || "(no message)"}`,
      said ? `The device refused to ${action}${where}: ${said}` : `The device refused to ${action}${where}.`,
      options,
    );
    this.deviceMessage = deviceMessage;
    this.failedLine = options?.failedLine;
  }
}

/** Refused before anything was sent: the input could change the meaning of the request. */
export class UnsafeInputError extends SoapError {
  readonly kind = "unsafe-input" as const;
  /** Which input was refused (never its value: it may be a password). */
  readonly field: string;

  constructor(field: string, userMessage: string) {
    super(`unsafe input refused: ${field}`, userMessage);
    this.field = field;
  }
}

/**
 * The address is not one Linewatch may connect to (LINEWATCH_ALLOWED_TARGETS, or never allowed);
 * refused before any byte was sent. `userMessage` names the host and the setting.
 */
export class TargetNotAllowedError extends UnsafeInputError {
  constructor(reason: string) {
    super("address", reason);
    this.message = `target not allowed: ${reason}`;
  }
}

export function isSoapError(value: unknown): value is SoapError {
  return value instanceof SoapError;
}
