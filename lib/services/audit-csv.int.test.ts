// The audit export goes through the shared CSV writer too: same header, CRLF lines, formula guard.
import { afterAll, beforeAll, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createToken } from "@/lib/db/tokens";
import { recordAuditAlone } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { listAuditCsv } from "./audit";
import { GET as listAudit } from "@/app/api/v1/audit/route";

let database: TestDatabase;
let token: string;

beforeAll(async () => {
  database = await startTestDatabase();
  token = (await createToken({ name: "admin", role: "admin" }, { actor: "test" })).token;
  await recordAuditAlone(
    { actor: "test" },
    { action: "phone.note", target: '=HYPERLINK("http://evil")', detail: { note: "a, b" }, outcome: "success" },
  );
});
afterAll(async () => database?.stop());

test("GET /audit?format=csv writes the header, every row and guards formulas", async () => {
  const response = await listAudit(
    new NextRequest("http://127.0.0.1/api/v1/audit?format=csv", { headers: { authorization: `Bearer ${token}` } }),
    { params: Promise.resolve({}) },
  );
  expect(response.status).toBe(200);
  const text = await response.text();
  const lines = text.split("\r\n");
  expect(lines[0]).toBe("at,actor,action,target,outcome,detail,requestId,ip");
  expect(lines.at(-1)).toBe("");
  expect(lines).toHaveLength(4); // header, token.create, phone.note, final CRLF
  expect(text).toContain(`,"'=HYPERLINK(""http://evil"")",success,"{""note"":""a, b""}",,`);
});

test("an export ends at the moment it started: rows written while it runs neither join nor repeat rows", async () => {
  const startedAt = new Date(Date.UTC(2026, 0, 1, 12));
  const at = (minutesBefore: number) => new Date(startedAt.getTime() - minutesBefore * 60_000);
  // More rows than one window of the export (2,000), all before it started.
  await db().auditEvent.createMany({
    data: Array.from({ length: 2_500 }, (_, i) => ({
      at: at(i + 1),
      actor: "seed",
      action: "seed.row",
      target: `row-${i}`,
      outcome: "success",
    })),
  });
  const stream = listAuditCsv({ action: "seed." }, startedAt);
  const reader = stream.getReader();
  const first = await reader.read();
  // People keep acting while the first window is being written.
  await db().auditEvent.createMany({
    data: Array.from({ length: 50 }, (_, i) => ({
      at: new Date(startedAt.getTime() + i + 1),
      actor: "late",
      action: "seed.late",
      target: `late-${i}`,
      outcome: "success",
    })),
  });
  let text = new TextDecoder().decode(first.value);
  for (let next = await reader.read(); !next.done; next = await reader.read())
    text += new TextDecoder().decode(next.value);
  const targets = text
    .split("\r\n")
    .slice(1, -1)
    .map((line) => line.split(",")[3]);
  expect(targets).toHaveLength(2_500);
  expect(new Set(targets).size).toBe(2_500);
  expect(targets.some((t) => t?.startsWith("late-"))).toBe(false);
});
