// Issue 16 #3: expected refusals are answers, not faults; only unknown errors log as errors.
import { afterEach, describe, expect, test, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { toAppError } from "./envelope";

/** An AppError as another bundle's copy of lib/errors builds it: same shape, different class. */
class ForeignAppError extends Error {
  readonly code = "rate_limited";
  readonly status = 429;
  readonly userMessage = "You already have 2 exports running: wait for one to finish.";
  readonly headers = { "retry-after": "10" };
  constructor() {
    super("limited");
    this.name = "AppError";
  }
}

function spyLog() {
  return {
    error: vi.spyOn(log, "error").mockImplementation(() => {}),
    warn: vi.spyOn(log, "warn").mockImplementation(() => {}),
    debug: vi.spyOn(log, "debug").mockImplementation(() => {}),
  };
}
afterEach(() => vi.restoreAllMocks());

describe("toAppError", () => {
  test("a 429 (or any client status) is returned as is and logged at debug, not as an unhandled error", () => {
    const logged = spyLog();
    const limited = new AppError("rate_limited", "Slow down.", { headers: { "retry-after": "3" } });
    expect(toAppError(limited, "req-1")).toBe(limited);
    expect(toAppError(new AppError("not_found", "No such phone."), "req-2").status).toBe(404);
    expect(logged.error).not.toHaveBeenCalled();
    expect(logged.debug).toHaveBeenCalledWith("API request refused", {
      requestId: "req-1",
      code: "rate_limited",
      status: 429,
    });
  });

  test("an AppError from another copy of the module keeps its status, message and headers", () => {
    const logged = spyLog();
    const error = toAppError(new ForeignAppError(), "req-3");
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "rate_limited",
      status: 429,
      userMessage: "You already have 2 exports running: wait for one to finish.",
      headers: { "retry-after": "10" },
    });
    expect(logged.error).not.toHaveBeenCalled();
  });

  test("a router that fails upstream is a warning; an unknown error is logged as an error and answers 500", () => {
    const logged = spyLog();
    const upstream = Object.assign(new Error("x"), { kind: "timeout", userMessage: "The router did not answer." });
    expect(toAppError(upstream, "req-4").status).toBe(504);
    expect(logged.warn).toHaveBeenCalledTimes(1);
    expect(logged.error).not.toHaveBeenCalled();
    const unknown = toAppError(new Error("SELECT failed"), "req-5");
    expect(unknown).toMatchObject({ code: "internal_error", status: 500 });
    expect(logged.error).toHaveBeenCalledWith(
      "unhandled error in API route",
      expect.objectContaining({ requestId: "req-5" }),
    );
    // A plain Error that only borrows the name is not trusted as an AppError.
    const impostor = Object.assign(new Error("x"), { name: "AppError" });
    expect(toAppError(impostor, "req-6").status).toBe(500);
  });
});
