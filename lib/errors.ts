// AppError: the one error type that crosses layers. It carries a stable code, an HTTP status and
// a message that is safe to show a user; the internal detail stays in logs.

export type ErrorCode =
  | "invalid_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "upstream_failed"
  | "internal_error";

const statusByCode: Record<ErrorCode, number> = {
  invalid_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  upstream_failed: 502,
  internal_error: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Shown to the user; never contains SQL, stack traces, device XML or credentials. */
  readonly userMessage: string;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    userMessage: string,
    options: { internal?: string; details?: unknown; headers?: Record<string, string>; status?: number } = {},
  ) {
    super(options.internal ?? userMessage);
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? statusByCode[code];
    this.userMessage = userMessage;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const conflict = (message: string) => new AppError("conflict", message);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);
