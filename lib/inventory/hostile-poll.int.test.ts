// Hostile replies at poll level (issue #7): a router that answered well turns hostile, and each
// poll, over real HTTP on loopback with the real database, ends with its typed error within the
// source's timeout, keeps the last good data, lets go of every connection, and does not hold up a
// healthy router polled beside it. (lib/soap/parse.test.ts covers the same replies at parser level.)
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { GRACE_MS, type HOSTILE_CASES, runHostileCases, type HostileCaseRow } from "@/lib/testing/hostile-cases";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";

// Short, so the two cases that must run into it (slow drip, no reply) keep the file quick.
const TIMEOUT_MS = 3_000;

/** The typed error each case must end with, and the health it leaves. */
const EXPECTED: Record<(typeof HOSTILE_CASES)[number], { errorKind: string; health: string }> = {
  "entity-bomb": { errorKind: "protocol:doctype", health: "unreachable" },
  "char-ref-flood": { errorKind: "protocol:too-large", health: "unreachable" },
  "huge-body": { errorKind: "protocol:too-large", health: "unreachable" },
  "slow-drip": { errorKind: "timeout", health: "unreachable" },
  "no-reply": { errorKind: "timeout", health: "unreachable" },
  "truncated-xml": { errorKind: "protocol:truncated", health: "unreachable" },
  "html-200": { errorKind: "protocol:not-xml", health: "unreachable" },
  "proto-names": { errorKind: "protocol:unexpected-shape", health: "unreachable" },
  "deep-nesting": { errorKind: "protocol:too-deep", health: "unreachable" },
  reset: { errorKind: "transport:reset", health: "unreachable" },
  "status-401": { errorKind: "auth", health: "auth-failed" },
  refused: { errorKind: "transport:refused", health: "unreachable" },
};

let database: TestDatabase;
let rows: HostileCaseRow[];

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  rows = await runHostileCases({ timeoutMs: TIMEOUT_MS });
});
afterAll(async () => {
  await database?.stop();
});

describe("a router that turns hostile", () => {
  test("every case of issue #7 ran", () => {
    expect(rows.map((row) => row.case)).toEqual(Object.keys(EXPECTED));
  });

  test.each(Object.entries(EXPECTED))(
    "%s: its typed error within the timeout, the last good data kept, the other router unaffected",
    (name, expected) => {
      const row = rows.find((r) => r.case === name)!;
      expect(row, row.detail).toMatchObject({
        errorKind: expected.errorKind,
        lastGoodKept: true,
        contained: true,
        timeoutMs: TIMEOUT_MS,
      });
      expect(row.detail).toMatch(new RegExp(`^health ${expected.health};`));
      // The bound is the behaviour: a poll ends by its source's timeout (plus its database work),
      // and a healthy router polled at the same time is not made to wait past its own.
      expect(row.elapsedMs).toBeLessThanOrEqual(row.timeoutMs + GRACE_MS);
      expect(row.otherSourceMs).toBeLessThanOrEqual(row.timeoutMs);
      // No dripping, streaming or unanswered connection is left behind once the poll ended.
      expect(row.detail).toMatch(/; 0 hostile connections left/);
    },
  );

  test("element names like __proto__ and constructor reached no prototype", () => {
    expect(rows.find((r) => r.case === "proto-names")?.errorKind).toBe("protocol:unexpected-shape");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).ISDevName).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
