// The in-flight limits per caller (issue 16): which requests take a slot, the refusal, and that
// slots come back exactly once.
import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { inFlightKindOf, inFlightLimits, RouteLimiter } from "./limits";

const phones = { method: "GET", path: "/phones" } as const;
const audit = { method: "GET", path: "/audit" } as const;
const overview = { method: "GET", path: "/overview" } as const;
const csv = { format: "csv" };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("which requests hold an in-flight slot", () => {
  test("exports of every exporting list; heavy lists are searches, large or deep pages, and the overview", () => {
    expect(inFlightKindOf(phones, csv)).toBe("export");
    expect(inFlightKindOf(audit, csv)).toBe("export");
    expect(inFlightKindOf({ method: "GET", path: "/cti-apps" }, csv)).toBe("export");
    expect(inFlightKindOf({ method: "GET", path: "/extensions" }, { q: "1001", page: 1, pageSize: 50 })).toBe(
      "heavyList",
    );
    expect(inFlightKindOf(phones, { q: "SEP00", page: 1, pageSize: 50 })).toBe("heavyList");
    expect(inFlightKindOf(phones, { page: 1, pageSize: 500 })).toBe("heavyList");
    expect(inFlightKindOf(phones, { page: 201, pageSize: 50 })).toBe("heavyList");
    expect(inFlightKindOf(overview, { range: "24h" })).toBe("heavyList");
  });

  test("plain pages, a blank search, JSON audit pages and other routes hold none", () => {
    expect(inFlightKindOf(phones, { page: 1, pageSize: 50 })).toBeUndefined();
    expect(inFlightKindOf(phones, { q: "  ", page: 3, pageSize: 100 })).toBeUndefined();
    expect(inFlightKindOf(audit, { page: 500, pageSize: 500 })).toBeUndefined();
    expect(inFlightKindOf({ method: "GET", path: "/phones/{name}" }, {})).toBeUndefined();
    expect(inFlightKindOf({ method: "POST", path: "/phones" }, csv)).toBeUndefined();
  });
});

describe("in-flight slots per caller", () => {
  test("the (N+1)th export is refused with 429, Retry-After and words; another caller is unaffected", () => {
    const limiter = new RouteLimiter(() => 0);
    const max = inFlightLimits.export.max;
    for (let i = 0; i < max; i++) limiter.enter(i % 2 ? audit : phones, "token:a", csv);
    const refused = refusal(() => limiter.enter(audit, "token:a", csv));
    expect(refused.status).toBe(429);
    expect(refused.code).toBe("rate_limited");
    expect(refused.userMessage).toBe(`You already have ${max} exports running: wait for one to finish.`);
    expect(Number(refused.headers?.["retry-after"])).toBeGreaterThan(0);
    expect(limiter.held("token:a", "export")).toBe(max);
    expect(() => limiter.enter(audit, "token:b", csv)).not.toThrow();
    expect(() => limiter.enter(audit, "user:a", csv)).not.toThrow();
  });

  test("exports and heavy lists count apart", () => {
    const limiter = new RouteLimiter(() => 0);
    for (let i = 0; i < inFlightLimits.export.max; i++) limiter.enter(phones, "token:a", csv);
    for (let i = 0; i < inFlightLimits.heavyList.max; i++) limiter.enter(overview, "token:a", {});
    expect(refusal(() => limiter.enter(overview, "token:a", {})).userMessage).toBe(
      `You already have ${inFlightLimits.heavyList.max} large list requests running: wait for one to finish.`,
    );
    expect(refusal(() => limiter.enter(phones, "token:a", csv)).code).toBe("rate_limited");
  });

  test("a released slot takes the next request; releasing twice frees one slot, not two", () => {
    const limiter = new RouteLimiter(() => 0);
    const first = limiter.enter(audit, "token:a", csv)!;
    limiter.enter(audit, "token:a", csv);
    first();
    first();
    expect(limiter.held("token:a", "export")).toBe(1);
    limiter.enter(audit, "token:a", csv);
    expect(refusal(() => limiter.enter(audit, "token:a", csv)).status).toBe(429);
  });

  test("many callers entering and leaving in any order end with no slot held", () => {
    const limiter = new RouteLimiter(() => 0);
    const releases: (() => void)[] = [];
    let refused = 0;
    for (let i = 0; i < 1_000; i++) {
      try {
        releases.push(limiter.enter(phones, `token:${i % 7}`, i % 3 ? csv : { q: "x" })!);
      } catch {
        refused++;
      }
      // Finish some out of order as we go.
      if (i % 5 === 0) releases.splice((i * 31) % releases.length, 1)[0]?.();
    }
    expect(refused).toBeGreaterThan(0);
    for (const release of releases) release();
    for (let c = 0; c < 7; c++) {
      expect(limiter.held(`token:${c}`, "export")).toBe(0);
      expect(limiter.held(`token:${c}`, "heavyList")).toBe(0);
    }
  });

  test("a request that needs no slot is never refused and holds nothing", () => {
    const limiter = new RouteLimiter(() => 0);
    for (let i = 0; i < 10; i++) expect(limiter.enter(phones, "token:a", { page: 1, pageSize: 50 })).toBeUndefined();
    expect(limiter.held("token:a", "export")).toBe(0);
    expect(limiter.held("token:a", "heavyList")).toBe(0);
  });
});
